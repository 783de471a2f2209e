import { createContext, useContext } from 'react';
import type { AuthStatus } from '../../shared/api/auth';
import { may, type Action } from '../../shared/auth/permissions';

export type Auth = { status: AuthStatus; reload(): Promise<void>; signOut(): Promise<void>; lock(): Promise<void> };

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('AuthGate missing');
  return v;
}

/** Whether the signed-in account's role may do an action (the permission table; the core enforces it). */
export function useMay(): (action: Action) => boolean {
  const status = useContext(AuthContext)?.status;
  return (action) => Boolean(status?.account && may(status.account.role, action));
}

/** Pages tell the gate when a call was refused for want of a session (signed out, locked elsewhere). */
export const AUTH_LOST = 'qingshui:auth-lost';
