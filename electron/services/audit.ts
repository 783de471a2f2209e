import type { AuditAction } from '../../shared/auth/audit-actions';
import { appendAudit } from '../store/audit-log';
import type { ServiceContext } from './context';

/** Records one event in the audit log under the session's account (or 'system' for a program on this computer). */
export function audit(ctx: ServiceContext, action: AuditAction, what: { entity?: string; entityId?: string; detail?: Record<string, unknown>; account?: string | null; personId?: string | null } = {}): void {
  appendAudit(ctx.store.db, {
    at: new Date().toISOString(),
    account: what.account !== undefined ? what.account : ctx.session.user?.account ?? (ctx.actor === 'system' ? 'system' : null),
    personId: what.personId !== undefined ? what.personId : ctx.session.personId,
    action, entity: what.entity ?? null, entityId: what.entityId ?? null, detail: what.detail,
  });
}
