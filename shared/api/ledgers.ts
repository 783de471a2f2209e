import { z } from 'zod';
import { Id } from './common';

export const LedgerFilters = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日').optional(),
  townCodes: z.array(z.string()).max(50).optional(),
  watershedId: z.string().optional(),
  type: z.string().optional(),
  state: z.string().optional(),
}).refine((f) => !f.from || !f.to || f.from <= f.to, { message: '起始日期不能晚于截止日期', path: ['to'] });

export const LedgerInfo = z.object({
  id: z.string(), name: z.string(), filters: z.array(z.string()),
  typeOptions: z.array(z.string()), stateOptions: z.array(z.string()),
  /** Placeholders a bureau's own template may use: the data-row fields and the heading ones. */
  fields: z.array(z.object({ key: z.string(), label: z.string() })), headingFields: z.array(z.object({ key: z.string(), label: z.string() })),
});

const HeaderCell = z.object({ text: z.string(), row: z.number(), col: z.number(), rowSpan: z.number(), colSpan: z.number() });

export const LedgerPreview = z.object({
  title: z.string(), total: z.number(), depth: z.number(), header: z.array(HeaderCell), widths: z.array(z.number()),
  rows: z.array(z.array(z.string())), info: z.array(z.string()), notes: z.array(z.string()),
});

/** Names a long job so the window can follow its progress and cancel it (`jobs.cancel`). */
const JobId = z.string().max(64).optional();

/** A file a host staged in the workspace's uploads folder for a procedure to read (core/files: stageUpload). */
export const StagedName = z.string().regex(/^[0-9a-f]{32}\.(xlsx|geojson|json)$/, '上传文件的名称无效');

export const ExportFile = z.object({ name: z.string(), size: z.number(), modifiedAt: z.string() });

export const ledgerProcedures = {
  'ledgers.list': { input: z.object({}).default({}), output: z.array(LedgerInfo) },
  'ledgers.preview': { input: z.object({ ledgerId: Id, filters: LedgerFilters.default({}), limit: z.number().int().min(1).max(200).default(50) }), output: LedgerPreview },
  /** Writes the ledger into the workspace's exports folder; the hosts offer the file for download. */
  'ledgers.export': {
    /** `paper`: A4 or A3 landscape, fitted to the page's width (a wide ledger reads better on A3; issue 20). */
    input: z.object({ ledgerId: Id, filters: LedgerFilters.default({}), paper: z.enum(['A4', 'A3']).default('A4'), jobId: JobId }),
    output: z.object({ file: ExportFile, rows: z.number() }),
  },
  /** Fills the bureau's own .xlsx template (placeholders `{{field}}`) and keeps it in the exports folder. */
  'ledgers.exportWithTemplate': {
    input: z.object({ ledgerId: Id, filters: LedgerFilters.default({}), jobId: JobId, templateName: z.string().max(200), templateBase64: z.string().min(1, '模板文件为空').max(30_000_000, '模板文件过大') }),
    output: z.object({ file: ExportFile, rows: z.number() }),
  },
  /** Reads a bureau's existing ledger: a dry run reports what would change; otherwise all rows or none are written. */
  'ledgers.import': {
    input: z.object({
      kind: z.enum(['enterprises', 'outfalls', 'findings']), fileName: z.string().max(1000),
      /** The file itself, or (from a host that staged the file the user named) its staged name. */
      base64: z.string().min(1, '文件为空').max(80_000_000, '文件超过 60 MB').optional(), staged: StagedName.optional(),
      crs: z.enum(['CGCS2000', 'WGS84', 'GCJ02', 'BD09']).default('CGCS2000'), dryRun: z.boolean().default(true),
      /** Column index → field, chosen on the mapping screen ('' = do not import). */
      mapping: z.record(z.string(), z.string()).default({}),
      /** The sheet to read (several in the workbook); none: the one that looks like this register. */
      sheet: z.string().max(100).optional(),
      /** Conflicts (a field changed in the sheet and here since): all decided one way, or each by `row:field`. */
      prefer: z.enum(['sheet', 'current']).optional(),
      resolutions: z.record(z.string().max(80), z.enum(['sheet', 'current'])).default({}),
      /** For a sheet that is not one of our exports: what changed here after this time is asked before it is overwritten (the file's modified time, by default of the host). */
      since: z.string().datetime({ offset: true, message: '时间格式无效' }).optional(),
      jobId: JobId,
    }).refine((x) => !!x.base64 !== !!x.staged, { message: '请给出要导入的文件（仅一个）', path: ['base64'] }),
    output: z.object({
      sheet: z.string(), headerRow: z.number(), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(), invalid: z.number(),
      problems: z.array(z.object({ row: z.number(), col: z.number(), cell: z.string(), message: z.string() })), unmatchedHeaders: z.array(z.string()),
      committed: z.boolean(), errorsFile: ExportFile.nullable(),
      headers: z.array(z.object({ col: z.number(), text: z.string(), field: z.string().nullable(), suggestions: z.array(z.string()) })), missing: z.array(z.string()),
      fieldOptions: z.array(z.object({ key: z.string(), label: z.string() })),
      /** Imported as read, but said: derived or mapped values, codes to verify — each cell once (issue 20). */
      warnings: z.array(z.object({ row: z.number(), col: z.number(), cell: z.string(), message: z.string() })),
      sheets: z.array(z.string()),
      /** Per record updated, which fields change from what to what. */
      changes: z.array(z.object({ row: z.number(), name: z.string(), fields: z.array(z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() })) })),
      conflicts: z.array(z.object({
        row: z.number(), id: z.string(), name: z.string(), key: z.string(), label: z.string(), sheet: z.string(), current: z.string(), by: z.string(), at: z.string(), reason: z.enum(['export', 'since']),
      })),
      kept: z.number(), exportedAt: z.string().nullable(),
      /** The sheet's hidden export record: signed by this workspace (believed), unverified (edited or foreign: compared as a clerk's own sheet), or none. */
      exportCheck: z.enum(['signed', 'unverified', 'none']),
      /** How many of problems, warnings, changes and conflicts were left out of the lists (each lists its first 1,000; the figures count all). */
      omitted: z.object({ problems: z.number(), warnings: z.number(), changes: z.number(), conflicts: z.number() }),
    }),
  },
  'ledgers.exports': { input: z.object({}).default({}), output: z.array(ExportFile) },
  'jobs.cancel': { input: z.object({ jobId: z.string().min(1).max(64) }), output: z.object({ jobId: z.string() }) },
} as const;
