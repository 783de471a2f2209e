import { DomainError } from '../../../shared/api/result';
import { getInspectionRow } from '../../store/inspections';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { exportInfo, newExportPath } from '../ledgers/index';
import { seesPersonalInfo } from '../personal-info';
import { writeEvidencePackage } from './build-package';

export { keyFingerprint } from './package-format';
export { writeEvidencePackage } from './build-package';
export { verifyEvidencePackage, type EvidenceReport } from './verify-package';

/**
 * Who may take a record's evidence package away: it holds the record in full (the person present's
 * ID number among it), so roles that see personal information, or the record's own officers (issue 18).
 */
function packageRefusal(ctx: ServiceContext, id: string): string | null {
  if (ctx.session.program || seesPersonalInfo(ctx)) return null;
  const row = getInspectionRow(ctx.store.db, id);
  const me = ctx.session.personId;
  if (row && me && (row.officers.some((o) => o.personId === me) || row.recorder?.personId === me)) return null;
  return '证据包含完整的笔录和个人信息：只有该笔录的执法人员、管理员和局机关人员可以导出';
}

export const evidenceHandlers = {
  'inspections.evidencePackage': (ctx, { id }) => {
    const refused = packageRefusal(ctx, id);
    if (refused) throw new DomainError('forbidden', refused);
    const out = newExportPath(ctx.store.file, `证据包-${id.slice(0, 8)}`).replace(/\.xlsx$/, '.zip');
    const r = writeEvidencePackage(ctx.store, id, out);
    const file = exportInfo(out);
    audit(ctx, 'unmasked_export', { entity: 'inspection', entityId: id, detail: { file: file.name, kind: 'evidence', files: r.files } });
    return { file, files: r.files, signed: r.signed, countersigned: r.countersigned };
  },
} satisfies Partial<Handlers>;
