import { rmSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import type { LedgerFilters as FiltersSchema } from '../../../shared/api/ledgers';
import { DomainError } from '../../../shared/api/result';
import { cellText, type LedgerStyle } from '../../../shared/ledger/format';
import { SERIAL, headerLayout } from '../../../shared/ledger/layout';
import { LEDGER_SPECS, ledgerSpec } from '../../../shared/ledger/specs';
import type { LedgerSpec } from '../../../shared/ledger/spec';
import { getPerson } from '../../store/people';
import { readSettings } from '../../store/settings';
import { today } from '../clock';
import { townOfficer, type ServiceContext } from '../context';
import { filesExportedBy } from '../../store/audit-log';
import { checkDraft as checkEnterprise, toFields as enterpriseFields } from '../enterprises';
import { recordFindingCreated } from '../findings/index';
import { refreshFinding } from '../findings/index';
import type { Handlers } from '../handlers';
import { audit } from '../audit';
import { seesPersonalInfo } from '../personal-info';
import { checkDraft as checkOutfall } from '../outfalls';
import { writeErrorWorkbook } from './error-workbook';
import { exportLedger, type ExportHeading } from './export-xlsx';
import { exportInfo, listExports, newExportPath } from './exports-folder';
import { stagedUpload } from '../uploads';
import { HEADING_FIELDS, fillTemplate, templateFields } from './fill-template';
import { registerProfiles } from './import-profiles';
import { importRegister, type RegisterProfile } from './import-register';
import { countRows, ledgerRows, type LedgerFilters as SourceFilters } from './sources';

export { writeErrorWorkbook } from './error-workbook';
export { exportLedger, type ExportHeading } from './export-xlsx';
export { exportFile, exportInfo, listExports, newExportPath } from './exports-folder';
export { fillTemplate } from './fill-template';
export { importRegister, type ImportReport, type RegisterProfile } from './import-register';
export { countRows, ledgerRows } from './sources';

/** The registers an import writes to, each checked by its own service's rules (passed in here). */
export const { enterprises: enterpriseProfile, outfalls: outfallProfile, findings: findingProfile } = registerProfiles({
  checkEnterprise, enterpriseFields, checkOutfall, recordFindingCreated, refreshFinding,
});

/** A ledger by its id, or a Chinese refusal naming the ones there are. */
export function availableLedger(id: string): LedgerSpec {
  const spec = ledgerSpec(id);
  if (!spec) throw new DomainError('not_found', `没有编号为“${id}”的台账（可用：${LEDGER_SPECS.map((s) => s.id).join('、')}）`);
  return spec;
}

/** The workspace's way of writing ledgers and the 填报单位 row. */
export function ledgerContext(ctx: ServiceContext): { style: LedgerStyle; heading: ExportHeading } {
  const s = readSettings(ctx.store.db);
  const person = ctx.session.personId ? getPerson(ctx.store.db, ctx.session.personId) : undefined;
  return {
    style: { dates: s.ledgerDates, coords: s.ledgerCoords },
    heading: { county: s.countyName, bureau: s.bureauName, reporter: person?.name ?? '', phone: s.contactPhone },
  };
}

type Filters = z.output<typeof FiltersSchema>;

/** A ledger's filters with what the user may see (complainants) and today's date (超期). */
function scoped(ctx: ServiceContext, filters: Filters, source?: string): SourceFilters {
  const { complainantViewers: viewers, holidays, workdays } = readSettings(ctx.store.db);
  // A town officer's 名录 is of their towns: another town's enterprise or outfall they read as a reference
  // (issue 21) is not listed. (Other ledgers' records are their towns' already: a reference is never one of those.)
  const user = ctx.session.user;
  if (user?.role === 'town' && (source === 'enterprises' || source === 'outfalls')) {
    const mine = filters.townCodes?.length ? filters.townCodes.filter((t) => user.towns.includes(t)) : user.towns;
    // None of theirs asked for: nothing listed (an empty list would be read as no filter at all).
    filters = { ...filters, townCodes: mine.length ? mine : ['\u0000'] };
  }
  return { ...filters, revealComplainants: ctx.session.personId !== null && viewers.includes(ctx.session.personId), revealPersonal: seesPersonalInfo(ctx), today: today(), calendar: { holidays: [...holidays], workdays: [...workdays] } };
}

/** Whether a ledger goes out with personal information in full (logged as such, issue 18). */
function unmasked(ctx: ServiceContext, ledgerId: string): boolean {
  const s = scoped(ctx, {} as Filters);
  return ledgerId === 'enterprises' && Boolean(s.revealPersonal);
}

export const ledgerHandlers = {
  'ledgers.list': () => LEDGER_SPECS.map((s) => ({
    id: s.id, name: s.name, filters: s.filters,
    typeOptions: [...(s.typeOptions ?? [])], stateOptions: [...(s.stateOptions ?? [])],
    fields: Object.entries(templateFields(s)).map(([key, label]) => ({ key, label })),
    headingFields: Object.entries(HEADING_FIELDS).map(([key, label]) => ({ key, label })),
  })),
  'ledgers.preview': (ctx, { ledgerId, filters, limit }) => {
    const spec = availableLedger(ledgerId);
    const { style, heading } = ledgerContext(ctx);
    const columns = [SERIAL, ...spec.columns];
    const { depth, cells } = headerLayout(columns);
    const rows: string[][] = [];
    let n = 0;
    for (const r of ledgerRows(ctx.store.db, spec.source, scoped(ctx, filters, spec.source), limit)) rows.push([String(++n), ...spec.columns.map((c) => cellText(c, r[c.key], style))]);
    return {
      title: spec.title.replace('{county}', heading.county), total: countRows(ctx.store.db, spec.source, scoped(ctx, filters, spec.source)), depth, header: cells,
      widths: columns.map((c) => c.width), rows, notes: spec.notes ?? [],
      info: [`填报单位（盖章）：${heading.bureau}`, `填报人：${heading.reporter}`, `联系电话：${heading.phone}`],
    };
  },
  'ledgers.export': async (ctx, { ledgerId, filters, paper, jobId }) => {
    const spec = availableLedger(ledgerId);
    const out = newExportPath(ctx.store.file, spec.name);
    const job = ctx.jobs?.start(jobId, '导出');
    const r = await exportLedger(ctx.store.db, {
      spec, filters: scoped(ctx, filters, spec.source), out, ...ledgerContext(ctx), paper,
      onProgress: (done, total) => job?.progress(done, total, '导出'), checkCancelled: () => job?.checkCancelled(),
    });
    audit(ctx, unmasked(ctx, ledgerId) ? 'unmasked_export' : 'export', { entity: 'ledger', entityId: ledgerId, detail: { file: exportInfo(out).name, rows: r.rows, filters } });
    return { file: exportInfo(out), rows: r.rows };
  },
  'ledgers.exportWithTemplate': async (ctx, { ledgerId, filters, templateName, templateBase64, jobId }) => {
    const spec = availableLedger(ledgerId);
    const out = newExportPath(ctx.store.file, `${spec.name}（${templateName.replace(/\.xlsx$/i, '').replace(/[\\/:*?"<>|]/g, '_').slice(0, 40)}）`);
    const r = await fillTemplate(ctx.store.db, { spec, filters: scoped(ctx, filters, spec.source), out, template: Buffer.from(templateBase64, 'base64'), ...ledgerContext(ctx), job: ctx.jobs?.start(jobId, '按模板导出') });
    audit(ctx, unmasked(ctx, ledgerId) ? 'unmasked_export' : 'export', { entity: 'ledger', entityId: ledgerId, detail: { file: exportInfo(out).name, rows: r.rows, filters, template: templateName } });
    return { file: exportInfo(out), rows: r.rows };
  },
  'ledgers.import': async (ctx, { kind, fileName, base64, staged, crs, dryRun, mapping, sheet, prefer, resolutions, since, jobId }) => {
    // The upload is kept beside the exports while it is read (exceljs reads files), then removed.
    // A host that staged the file the user named hands its name; a page sends the bytes.
    const upload = staged ? stagedUpload(ctx.store.file, staged) : newExportPath(ctx.store.file, `.upload-${process.pid}`).replace(/\.xlsx$/, '.tmp.xlsx');
    if (!upload) throw new DomainError('not_found', `未找到上传的文件“${fileName}”`);
    if (base64) writeFileSync(upload, Buffer.from(base64, 'base64'));
    try {
      const profile = kind === 'outfalls' ? outfallProfile : kind === 'findings' ? findingProfile : enterpriseProfile;
      const report = await importRegister(ctx, profile as RegisterProfile<unknown>, upload, { crs, dryRun, mapping, sheet, prefer, resolutions, since: since && new Date(since).toISOString(), job: ctx.jobs?.start(jobId, '导入') });
      let errorsFile = null;
      if (report.problems.length) {
        const out = newExportPath(ctx.store.file, `导入错误-${fileName.replace(/\.xlsx$/i, '').replace(/[\\/:*?"<>|]/g, '_').slice(0, 40)}`);
        await writeErrorWorkbook(upload, report.sheet, report.problems, out);
        errorsFile = exportInfo(out);
      }
      return { ...report, errorsFile };
    } catch (e) {
      // A staged file is named as the host named it (the path the user gave); an uploaded one by its name, once.
      if (e instanceof DomainError && staged) throw new DomainError(e.code, e.message.split(upload).join(fileName), e.fields);
      if (e instanceof DomainError) throw new DomainError(e.code, `“${fileName}”${e.message.replace(/^“[^”]*”/, '')}`);
      throw e;
    } finally {
      rmSync(upload, { force: true });
    }
  },
  // A town officer lists only what they exported themselves (a county-wide ledger another made is not theirs).
  'ledgers.exports': (ctx) => listExports(ctx.store.file, 30, townOfficer(ctx) ? filesExportedBy(ctx.store.db, ctx.session.user!.account) : undefined),
  'jobs.cancel': (ctx, { jobId }) => { ctx.jobs?.cancel(jobId); return { jobId }; },
} satisfies Partial<Handlers>;
