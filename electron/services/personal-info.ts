import { may } from '../../shared/auth/permissions';
import type { ServiceContext } from './context';

/**
 * Whether this session sees phone and ID numbers in full (issue 18; 个人信息保护法 第五十一条): a role the
 * permission table allows ('personal'), or a program on this computer without an account. Everyone else
 * sees them masked; a reveal is logged (audit.reveal).
 */
export function seesPersonalInfo(ctx: ServiceContext): boolean {
  const user = ctx.session.user;
  return user ? may(user.role, 'personal') : true;
}
