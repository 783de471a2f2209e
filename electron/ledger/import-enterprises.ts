import type { Database } from 'better-sqlite3';
import { EnterpriseDraft } from '../../shared/api/enterprises';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError } from '../../shared/api/result';
import type { CoordinateSystem } from '../../shared/domain/coordinates';
import { parseDegrees } from '../../shared/domain/dms';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../../shared/domain/enterprise-fields';
import { ENTERPRISE_HEADERS, ENTERPRISE_REQUIRED, matchHeaders } from '../../shared/ledger/import-headers';
import { checkDraft, toFields } from '../services/enterprises';
import { authorOf, newId, type ServiceContext } from '../services/context';
import { ENTERPRISE } from '../store/entities';
import { columnLetter, readSheet } from './read-sheet';
import type { CellProblem } from './error-workbook';

export type ImportReport = {
  sheet: string; headerRow: number; rows: number; created: number; updated: number; unchanged: number; invalid: number;
  problems: (CellProblem & { cell: string })[]; unmatchedHeaders: string[]; committed: boolean;
};

/** Field → the draft field whose errors it carries. */
const DRAFT_FIELD_TO_COLUMN: Record<string, string> = {
  name: 'name', uscc: 'uscc', industryCode: 'industryCode', permitClass: 'permitClass', keyUnit: 'keyUnit', state: 'state',
  townCode: 'townName', villageCode: 'villageName', watershedId: 'watershedName', address: 'address', lon: 'lon', lat: 'lat',
  legalRepresentative: 'legalRepresentative', contactName: 'contactName', contactPhone: 'contactPhone', note: 'note',
};

type Directory = { towns: Map<string, string>; villages: Map<string, string>; watersheds: Map<string, string> };

function directory(db: Database): Directory {
  const regions = db.prepare("SELECT code, name, level, parent_code AS parent FROM regions WHERE deleted_at IS NULL").all() as { code: string; name: string; level: string; parent: string | null }[];
  return {
    towns: new Map(regions.filter((r) => r.level === 'town').flatMap((r) => [[r.name, r.code], [r.code, r.code]])),
    villages: new Map(regions.filter((r) => r.level === 'village').flatMap((r) => [[`${r.parent}/${r.name}`, r.code], [r.code, r.code]])),
    watersheds: new Map((db.prepare('SELECT id, name FROM watersheds WHERE deleted_at IS NULL').all() as { id: string; name: string }[]).map((w) => [w.name, w.id])),
  };
}

const FOOTER = /^(负责人|审核人|填表人|填报人|说明|注[:：]|备注[:：]|联系电话)/;
const YES = new Set(['是', '√', '✓', 'Y', 'y', '1', '重点', 'TRUE', 'true']);

/**
 * Imports an enterprise ledger (DESIGN §7): headers found and mapped by their Chinese names, every row
 * validated like a form, matched to the register by 统一社会信用代码, then — only when no row is
 * wrong and not a dry run — all of it written in one transaction through the write path.
 */
export async function importEnterprises(ctx: ServiceContext, file: string, opts: { crs: CoordinateSystem; dryRun: boolean }): Promise<ImportReport> {
  const sheet = await readSheet(file);
  const match = matchHeaders(sheet.rows, ENTERPRISE_HEADERS);
  const missing = ENTERPRISE_REQUIRED.filter((f) => match?.columns[f] === undefined && !(f === 'contactName' && match?.columns.contactBoth !== undefined));
  if (!match || missing.length) {
    const names = missing.map((f) => ENTERPRISE_HEADERS[f][0]).join('、');
    throw new DomainError('invalid', `工作表“${sheet.name}”的前 10 行中找不到必需的列：${names || '单位名称、统一社会信用代码、所属镇街'}（可用的列名如 ${ENTERPRISE_HEADERS.uscc.slice(0, 3).join('/')}）`);
  }
  const author = opts.dryRun ? 'system' : authorOf(ctx);
  const { db } = ctx.store;
  const dir = directory(db);
  const col = match.columns;
  const problems: ImportReport['problems'] = [];
  const at = (i: number, field: string, message: string) => {
    const c = col[field] ?? col.contactBoth ?? 0;
    problems.push({ row: sheet.rowNumbers[i], col: c, cell: `${columnLetter(c)}${sheet.rowNumbers[i]}`, message: `第 ${sheet.rowNumbers[i]} 行 ${columnLetter(c)} 列：${message}` });
  };
  const writes: { id: string; fields: Record<string, unknown>; create: boolean }[] = [];
  const seen = new Map<string, number>();
  let rows = 0; let unchanged = 0; let invalidRows = 0;
  for (let i = match.headerRow + 1; i < sheet.rows.length; i++) {
    const r = sheet.rows[i];
    const get = (f: string) => (col[f] === undefined ? '' : (r[col[f]] ?? '').trim());
    if (!get('name') && !get('uscc')) continue; // a blank row
    if (FOOTER.test(r.find((x) => x) ?? '')) continue; // 负责人：… 审核人：… / 说明：…
    rows++;
    const before = problems.length;
    let contactName = get('contactName');
    let contactPhone = get('contactPhone');
    if (col.contactBoth !== undefined && !contactName && !contactPhone) {
      const both = get('contactBoth');
      const m = /^(.*?)[\s,，、:：]*((?:1[3-9]\d{9})|(?:0\d{2,3}-?\d{7,8}))\s*$/.exec(both);
      contactName = m ? m[1].trim() : both; contactPhone = m ? m[2] : '';
    }
    const townText = get('townName');
    const townCode = dir.towns.get(townText);
    if (!townCode) at(i, 'townName', townText ? `所属镇街“${townText}”不在本县区划目录中` : '请填写所属镇街');
    const villageText = get('villageName');
    const villageCode = villageText && townCode ? dir.villages.get(`${townCode}/${villageText}`) ?? dir.villages.get(villageText) ?? null : null;
    if (villageText && townCode && !villageCode) at(i, 'villageName', `村居“${villageText}”不在“${townText}”之下`);
    const watershedText = get('watershedName');
    const watershedId = watershedText ? dir.watersheds.get(watershedText) ?? null : null;
    if (watershedText && !watershedId) at(i, 'watershedName', `流域“${watershedText}”不在本县流域目录中`);
    const permitText = get('permitClass');
    if (permitText && !(PERMIT_CLASSES as readonly string[]).includes(permitText)) at(i, 'permitClass', `排污许可管理类别应为${PERMIT_CLASSES.join('、')}，收到“${permitText}”`);
    const stateText = get('state');
    if (stateText && !(ENTERPRISE_STATES as readonly string[]).includes(stateText)) at(i, 'state', `生产状态应为${ENTERPRISE_STATES.join('、')}，收到“${stateText}”`);
    const lonText = get('lon'); const latText = get('lat');
    const lon = lonText ? parseDegrees(lonText) : null;
    const lat = latText ? parseDegrees(latText) : null;
    if (lonText && lon === null) at(i, 'lon', `经度“${lonText}”无法识别，请填小数度或度分秒`);
    if (latText && lat === null) at(i, 'lat', `纬度“${latText}”无法识别，请填小数度或度分秒`);
    const raw = {
      name: get('name'), uscc: get('uscc').toUpperCase(), industryCode: get('industryCode') || null,
      permitClass: (PERMIT_CLASSES as readonly string[]).includes(permitText) ? permitText : null, keyUnit: YES.has(get('keyUnit')),
      state: (ENTERPRISE_STATES as readonly string[]).includes(stateText) ? stateText : undefined, address: get('address'),
      townCode: townCode ?? '0', villageCode, watershedId, lon, lat, coordSystem: opts.crs,
      legalRepresentative: get('legalRepresentative'), contactName, contactPhone, note: get('note'),
    };
    const parsed = EnterpriseDraft.safeParse(raw);
    if (!parsed.success) {
      for (const [f, m] of Object.entries(issuesToFields(parsed.error.issues, 'enterprise'))) at(i, DRAFT_FIELD_TO_COLUMN[f] ?? 'name', m);
    } else {
      const existing = db.prepare('SELECT id FROM enterprises WHERE uscc = ? AND deleted_at IS NULL').pluck().get(parsed.data.uscc) as string | undefined;
      const { errors, coords, uscc } = checkDraft(ctx, parsed.data, existing ?? null);
      for (const [f, m] of Object.entries(errors)) if (f !== 'townCode' || townCode) at(i, DRAFT_FIELD_TO_COLUMN[f] ?? 'name', m);
      const dupe = seen.get(uscc);
      if (dupe !== undefined) at(i, 'uscc', `统一社会信用代码与第 ${sheet.rowNumbers[dupe]} 行重复`);
      seen.set(uscc, i);
      if (problems.length === before) {
        const fields = toFields(parsed.data, coords, uscc);
        if (existing) {
          const row = db.prepare('SELECT * FROM enterprises WHERE id = ?').get(existing) as Record<string, unknown>;
          const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => {
            const spec = ENTERPRISE.columns[k];
            const column = typeof spec === 'string' ? spec : spec[0];
            const stored = row[column];
            return !(stored === v || (stored === null && v === null) || (typeof spec !== 'string' && spec[1] === 'bool' && stored === (v ? 1 : 0)) || (typeof spec !== 'string' && spec[1] === 'json' && stored === JSON.stringify(v)));
          }));
          if (Object.keys(changed).length) writes.push({ id: existing, fields: changed, create: false });
          else unchanged++;
        } else writes.push({ id: newId(), fields, create: true });
      }
    }
    if (problems.length > before) invalidRows++;
  }
  if (rows === 0) throw new DomainError('invalid', `工作表“${sheet.name}”在表头之后没有数据行`);
  const report: ImportReport = {
    sheet: sheet.name, headerRow: sheet.rowNumbers[match.headerRow], rows, created: writes.filter((w) => w.create).length,
    updated: writes.filter((w) => !w.create).length, unchanged, invalid: invalidRows, problems,
    unmatchedHeaders: match.unmatched.map((u) => u.text), committed: false,
  };
  if (problems.length || opts.dryRun) return report;
  ctx.store.transaction(() => { for (const w of writes) ctx.store.write(ENTERPRISE, w.id, w.fields, author); });
  return { ...report, committed: true };
}
