import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AuthStatus } from '../../shared/api/auth';
import { call } from '../api';
import { AUTH_LOST, AuthContext } from './auth-context';
import { LockScreen } from './lock-screen';
import { SignInPage } from './sign-in-page';
import { RecoveryCodeNotice } from './recovery-code-notice';

const ACTIVITY = ['mousedown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;

/**
 * Nothing of the workspace shows before a person signs in (issue 18). After sign-in the session locks
 * after the settings' idle minutes (the core locks it too, whatever the page does) and unlocks with
 * the person's PIN or password; while locked the page behind is hidden.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try { setStatus(await call('auth.status', {})); } catch (e) { setError((e as Error).message); }
  }, []);
  useEffect(() => { void reload(); }, [reload]);
  useEffect(() => {
    const lost = () => { void reload(); };
    window.addEventListener(AUTH_LOST, lost);
    return () => window.removeEventListener(AUTH_LOST, lost);
  }, [reload]);
  useIdleLock(status, reload);
  if (error) return <div className="fatal">无法打开工作区：{error}</div>;
  if (!status) return <div className="splash">清水 · 正在打开工作区…</div>;
  if (!status.signedIn) return <SignInPage status={status} onSignedIn={setStatus} onChanged={() => void reload()} />;
  if (status.recoveryCode) return <RecoveryCodeNotice code={status.recoveryCode} onDone={() => setStatus({ ...status, recoveryCode: null })} />;
  const auth = {
    status, reload,
    signOut: async () => { setStatus(await call('auth.signOut', {})); window.location.hash = '#/dashboard'; },
    lock: async () => { setStatus(await call('auth.lock', {})); },
  };
  return (
    <AuthContext.Provider value={auth}>
      <div hidden={status.locked} className="auth-content">{children}</div>
      {status.locked && <LockScreen status={status} onDone={setStatus} />}
    </AuthContext.Provider>
  );
}

/** Locks after the idle minutes without a key or a click; tells the core the person is active (at most once a minute). */
function useIdleLock(status: AuthStatus | null, reload: () => Promise<void>) {
  const last = useRef(Date.now());
  const told = useRef(0);
  const active = Boolean(status?.signedIn && !status.locked);
  const minutes = status?.idleLockMinutes ?? 10;
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const onActivity = () => {
      last.current = Date.now();
      if (last.current - told.current > 60_000) { told.current = last.current; void call('auth.touch', {}).then((r) => { if (r.locked) void reload(); }).catch(() => undefined); }
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) void call('auth.lock', {}).then(() => reload());
    }, 5_000);
    return () => { for (const e of ACTIVITY) window.removeEventListener(e, onActivity); window.clearInterval(timer); };
  }, [active, minutes, reload]);
}
