import ExcelJS from 'exceljs';
import { DomainError } from '../../../shared/api/result';
import { auditActionLabel } from '../../../shared/auth/audit-actions';
import { auditChainBreak, auditEntries, auditPage, type AuditRow } from '../../store/audit-log';
import { getComplaintRow } from '../../store/complaints';
import { enterpriseContactPhone } from '../../store/enterprises';
import { getPerson } from '../../store/people';
import { getInspectionRow } from '../../store/inspections';
import { canSeeComplainants } from '../personal-info';
import type { ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { exportInfo, newExportPath } from '../ledgers/index';
import { audit } from '../audit';

const view = (r: AuditRow) => ({ seq: r.seq, at: r.at, account: r.account, personName: r.personName, action: r.action, actionLabel: auditActionLabel(r.action), entity: r.entity, entityId: r.entityId, detail: r.detail, hash: r.hash });

/** The value a reveal shows, when the record and field exist and the session may see it. */
function revealed(ctx: ServiceContext, entity: string, id: string, field: string): string {
  if (entity === 'person' && field === 'phone') {
    const p = getPerson(ctx.store.db, id);
    if (p) return p.phone;
  }
  if (entity === 'enterprise' && field === 'contactPhone') {
    const e = enterpriseContactPhone(ctx.store.db, id);
    if (e !== undefined) return e;
  }
  if (entity === 'inspection' && field === 'present') {
    const i = getInspectionRow(ctx.store.db, id);
    if (i) return [i.present.name, i.present.idNumber, i.present.phone].filter(Boolean).join(' ');
  }
  if (entity === 'complaint' && field === 'complainant') {
    if (!canSeeComplainants(ctx)) throw new DomainError('forbidden', '信访人信息保密：您未被授权查看信访人，请由管理员在“设置”中授权');
    const c = getComplaintRow(ctx.store.db, id);
    if (c && !c.deleted_at) return [c.complainant_name, c.complainant_phone].filter(Boolean).join(' ');
  }
  throw new DomainError('not_found', '未找到该记录或该项信息');
}

/** An instant as the bureau reads it: 北京时间 (UTC+8, no daylight saving), `yyyy-mm-dd hh:mm:ss`. */
function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : new Date(t + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

export const auditHandlers = {
  'audit.list': (ctx, { offset, limit, action }) => {
    const page = auditPage(ctx.store.db, offset, limit, action);
    return { rows: page.rows.map(view), total: page.total, chainIntact: auditChainBreak(ctx.store.db) === null };
  },
  'audit.export': async (ctx) => {
    const path = newExportPath(ctx.store.file, '审计日志');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('审计日志');
    ws.columns = [
      { header: '序号', key: 'seq', width: 8 }, { header: '时间（北京时间）', key: 'at', width: 22 }, { header: '账号', key: 'account', width: 14 },
      { header: '人员', key: 'person', width: 10 }, { header: '事件', key: 'action', width: 22 }, { header: '对象', key: 'entity', width: 12 },
      { header: '对象编号', key: 'entityId', width: 38 }, { header: '详情', key: 'detail', width: 40 }, { header: '哈希', key: 'hash', width: 66 },
    ];
    let rows = 0;
    for (const r of auditEntries(ctx.store.db)) {
      ws.addRow({ seq: r.seq, at: beijingTime(r.at), account: r.account ?? '', person: r.personName, action: auditActionLabel(r.action), entity: r.entity ?? '', entityId: r.entityId ?? '', detail: JSON.stringify(r.detail), hash: r.hash }).commit();
      rows++;
    }
    ws.commit();
    await wb.commit();
    audit(ctx, 'export', { entity: 'audit_log', detail: { rows } });
    return { file: exportInfo(path), rows };
  },
  'audit.reveal': (ctx, { entity, id, field }) => {
    const value = revealed(ctx, entity, id, field);
    audit(ctx, 'reveal', { entity, entityId: id, detail: { field } });
    return { value };
  },
} satisfies Partial<Handlers>;
