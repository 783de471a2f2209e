import { EnterpriseDraft } from '../../../shared/api/enterprises';
import { FINDING_SOURCES, FindingImportDraft } from '../../../shared/api/findings';
import type { DeadlineBand } from '../../../shared/checklist/deadline-band';
import { parseLedgerDate } from '../../../shared/domain/ledger-date';
import { OutfallDraft } from '../../../shared/api/outfalls';
import { ENTERPRISE_STATES, PERMIT_CLASSES } from '../../../shared/domain/enterprise-fields';
import {
  APPROVAL_STATES, CODE_STATES, DISCHARGE_PATTERNS, ENTRY_MODES, OUTFALL_TYPE_NAMES, REMEDIATION_CATEGORIES, REMEDIATION_STATES, SIGN_STATES,
} from '../../../shared/domain/outfall-types';
import { ENTERPRISE_HEADERS, ENTERPRISE_REQUIRED, FINDING_HEADERS, FINDING_REQUIRED, OUTFALL_HEADERS, OUTFALL_REQUIRED } from '../../../shared/ledger/import-headers';
import { enterprisesWithUscc } from '../../store/enterprises';
import { ENTERPRISE, FINDING, OUTFALL } from '../../store/entities';
import { targetFacets } from '../../store/findings';
import { outfallWithCode } from '../../store/outfalls';
import { enterpriseNamed, enterpriseNamedInTown, enterpriseNamedOrUscc, findingNumbered, outfallNamedInTown } from '../../store/register-lookups';
import { checkUscc } from '../../../shared/domain/uscc';
import { outfallTypeOf, olderWord } from '../../../shared/ledger/older-words';
import type { Store } from '../../store/store';
import type { ServiceContext } from '../context';
import type { RegisterProfile } from './import-register';

const YES = new Set(['是', '√', '✓', 'Y', 'y', '1', '重点', 'TRUE', 'true']);

/** "金工 13102721764" → 金工 and 13102721764. */
function splitContact(both: string): { name: string; phone: string } {
  const m = both.match(/^(.*?)[\s,，、:：]*((?:1[3-9]\d{9})|(?:0\d{2,3}-?\d{7,8}))\s*$/);
  return m ? { name: m[1].trim(), phone: m[2] } : { name: both, phone: '' };
}

type Coords = { lon: number | null; lat: number | null };
type Errors = Record<string, string>;

/**
 * What the registers' own services lend an import (passed in, so the ledgers need none of them): the
 * form's checks, the fields a form stores, and the follow-up a finding needs once written.
 */
export type RegisterRules = {
  checkEnterprise(ctx: ServiceContext, d: EnterpriseDraft, id: string | null): { errors: Errors; coords: Coords; uscc: string };
  enterpriseFields(d: EnterpriseDraft, coords: Coords, uscc: string): Record<string, unknown>;
  checkOutfall(ctx: ServiceContext, d: OutfallDraft, id: string | null): { errors: Errors; coords: Coords; watershedId: string | null };
  recordFindingCreated(ctx: ServiceContext, id: string, at: string, author: string, text?: string): void;
  refreshFinding(store: Store, id: string): void;
};

/** The registers a clerk's sheet can be imported into, checked by their services' own rules. */
export function registerProfiles(rules: RegisterRules): {
  enterprises: RegisterProfile<EnterpriseDraft>; outfalls: RegisterProfile<OutfallDraft>; findings: RegisterProfile<FindingImportDraft>;
} {
  return { enterprises: enterpriseProfile(rules), outfalls: outfallProfile(rules), findings: findingProfile(rules) };
}

const enterpriseProfile = (rules: RegisterRules): RegisterProfile<EnterpriseDraft> => ({
  label: '排污单位名录', key: 'enterprises', headers: ENTERPRISE_HEADERS, required: ENTERPRISE_REQUIRED, entity: ENTERPRISE, schema: EnterpriseDraft,
  cellOf: {
    name: 'name', uscc: 'uscc', industryCode: 'industryCode', permitClass: 'permitClass', keyUnit: 'keyUnit', state: 'state', townCode: 'townName',
    villageCode: 'villageName', watershedId: 'watershedName', address: 'address', lon: 'lon', lat: 'lat', legalRepresentative: 'legalRepresentative',
    contactName: 'contactName', contactPhone: 'contactPhone', note: 'note', permitNumber: 'permitNumber',
  },
  raw(row, crs) {
    const { townCode, villageCode } = row.place('townName', 'villageName');
    const watershedText = row.get('watershedName');
    const watershedId = watershedText ? row.dir.watersheds.get(watershedText) ?? null : null;
    if (watershedText && !watershedId) row.bad('watershedName', `流域“${watershedText}”不在本县流域目录中`);
    const contact = !row.get('contactName') && !row.get('contactPhone') && row.has('contactBoth') ? splitContact(row.get('contactBoth')) : { name: row.get('contactName'), phone: row.get('contactPhone') };
    // A 排污许可证编号 is the unit's USCC and a sequence (HJ 608: 18 + 3 digits + a letter): the USCC a sheet leaves out is read from it.
    const permitNumber = row.get('permitNumber').toUpperCase() || null;
    let uscc = row.get('uscc').toUpperCase();
    if (!uscc && permitNumber && /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}[A-Z]$/.test(permitNumber)) {
      uscc = permitNumber.slice(0, 18);
      row.warn('uscc', `统一社会信用代码未填，按排污许可证编号取前 18 位“${uscc}”`);
    }
    const check = uscc ? checkUscc(uscc) : null;
    if (check?.ok && !check.checkMatches) row.warn('uscc', `统一社会信用代码“${uscc}”校验位不符（按 GB 32100 应为“${check.expectedCheck}”），已照录，请核对营业执照`);
    if (!uscc) row.warn('uscc', '未填统一社会信用代码（个体户、农村点位等可暂缺），已导入，请核实后补录');
    return {
      name: row.get('name'), uscc, industryCode: row.get('industryCode') || null, ...(permitNumber ? { permitNumber } : {}),
      permitClass: row.oneOf('permitClass', '排污许可管理类别', PERMIT_CLASSES), keyUnit: YES.has(row.get('keyUnit')),
      state: row.oneOf('state', '生产状态', ENTERPRISE_STATES) ?? undefined, address: row.get('address'),
      townCode: townCode ?? '0', villageCode, watershedId, ...row.coords(), coordSystem: crs,
      legalRepresentative: row.get('legalRepresentative'), contactName: contact.name, contactPhone: contact.phone, note: row.get('note'),
    };
  },
  // Known by its USCC; one without is known by its name in its town.
  existing: (db, d) => (d.uscc ? enterprisesWithUscc(db, d.uscc.toUpperCase())[0] : enterpriseNamedInTown(db, d.name, d.townCode)),
  identity: (d) => (d.uscc ? { key: d.uscc.toUpperCase(), label: 'uscc' } : { key: `name:${d.townCode}/${d.name}`, label: 'name' }),
  check(ctx, d, id) {
    const { errors, coords, uscc } = rules.checkEnterprise(ctx, d, id);
    return { errors, fields: rules.enterpriseFields(d, coords, uscc) };
  },
});

const outfallProfile = (rules: RegisterRules): RegisterProfile<OutfallDraft> => ({
  label: '入河排污口排查整治台账', key: 'outfalls', headers: OUTFALL_HEADERS, required: OUTFALL_REQUIRED, entity: OUTFALL, schema: OutfallDraft,
  cellOf: {
    name: 'name', code: 'code', localCode: 'localCode', codeState: 'codeState', type: 'type', subType: 'subType', waterBodyId: 'waterBodyName',
    watershedId: 'watershedName', townCode: 'townName', villageCode: 'villageName', lon: 'lon', lat: 'lat', entryMode: 'entryMode',
    dischargePattern: 'dischargePattern', enterpriseId: 'enterpriseName', approvalState: 'approvalState', signState: 'signState',
    remediationCategory: 'remediationCategory', remediationState: 'remediationState', nearestSection: 'nearestSection',
    sectionDistanceKm: 'sectionDistanceKm', note: 'note',
  },
  raw(row, crs) {
    const { townCode, villageCode } = row.place('townName', 'villageName');
    const lookup = (field: string, map: Map<string, string>, what: string) => {
      const text = row.get(field);
      const id = text ? map.get(text) ?? null : null;
      if (text && !id) row.bad(field, `${what}“${text}”不在本县目录中`);
      return id;
    };
    const party = row.get('enterpriseName');
    const enterpriseId = party ? enterpriseNamedOrUscc(row.db, party, party.toUpperCase()) ?? null : null;
    if (party && !enterpriseId) row.bad('enterpriseName', `责任主体“${party}”不在排污单位名录中（请先导入或新建该单位）`);
    const km = row.get('sectionDistanceKm');
    const distance = km ? Number(km) : null;
    if (km && !Number.isFinite(distance)) row.bad('sectionDistanceKm', `距离“${km}”应为数字（公里）`);
    const code = row.get('code');
    // Type and 细类 as the classification in force reads them (older census words mapped, the type from its 细类); else 待核定.
    const kind = outfallTypeOf(row.get('type'), row.get('subType'), row.classification);
    for (const [f, m] of kind.notes) row.warn(f, m);
    const older = <T extends string>(field: string, label: string, options: readonly T[]) => {
      const mapped = olderWord(field, row.get(field));
      if (mapped && mapped !== row.get(field)) row.warn(field, `${label}“${row.get(field)}”按现行“${mapped}”导入`);
      return mapped && (options as readonly string[]).includes(mapped) ? (mapped as T) : row.oneOf(field, label, options);
    };
    return {
      name: row.get('name'), code: code || null, localCode: row.get('localCode') || null,
      codeState: row.oneOf('codeState', '编码掌握情况', CODE_STATES) ?? (code ? '已掌握' : '暂不掌握'),
      type: kind.type, subType: kind.subType,
      waterBodyId: lookup('waterBodyName', row.dir.waterBodies, '受纳水体'), watershedId: lookup('watershedName', row.dir.watersheds, '流域'),
      townCode: townCode ?? '0', villageCode, ...row.coords(), coordSystem: crs,
      entryMode: older('entryMode', '入河方式', ENTRY_MODES), dischargePattern: older('dischargePattern', '排放规律', DISCHARGE_PATTERNS),
      enterpriseId, approvalState: row.oneOf('approvalState', '审批/登记情况', APPROVAL_STATES), signState: row.oneOf('signState', '标识牌', SIGN_STATES),
      remediationCategory: row.oneOf('remediationCategory', '整治类型', REMEDIATION_CATEGORIES), remediationState: row.oneOf('remediationState', '整治进展', REMEDIATION_STATES),
      nearestSection: row.get('nearestSection'), sectionDistanceKm: Number.isFinite(distance) ? distance : null, note: row.get('note'),
    };
  },
  existing(db, d) {
    if (d.code) return outfallWithCode(db, d.code);
    return outfallNamedInTown(db, d.name, d.townCode);
  },
  identity: (d) => (d.code ? { key: `code:${d.code}`, label: 'code' } : { key: `name:${d.townCode}/${d.name}`, label: 'name' }),
  check(ctx, d, id) {
    const { errors, coords, watershedId } = rules.checkOutfall(ctx, d, id);
    const { coordSystem: _c, ...rest } = d;
    return { errors, fields: { ...rest, watershedId, lon: coords.lon, lat: coords.lat } };
  },
});

const SOURCE_OF_LABEL: [RegExp, keyof typeof FINDING_SOURCES][] = [
  [/中央/, 'central'], [/省/, 'provincial'], [/信访|投诉|12369/, 'complaint'], [/监测/, 'monitoring'], [/自查|检查|巡查/, 'inspection'],
];

/** The deadline band a finding's own deadline falls in (from when it was found). */
function bandOf(foundAt: string, deadline: string): DeadlineBand {
  const days = (Date.parse(deadline) - Date.parse(foundAt)) / 86_400_000;
  return days <= 30 ? 'immediate' : days <= 200 ? 'short' : days <= 730 ? 'medium' : 'long';
}

/** A 督察交办 problem list (or a 问题整改销号台账): each row a finding with its source, town and named people. */
const findingProfile = (rules: RegisterRules): RegisterProfile<FindingImportDraft> => ({
  label: '督察交办问题清单', key: 'findings', headers: FINDING_HEADERS, required: FINDING_REQUIRED, entity: FINDING, schema: FindingImportDraft,
  cellOf: {
    number: 'number', sourceKind: 'sourceLabel', description: 'description', townCode: 'townName', targetName: 'targetName', goal: 'goal',
    measures: 'measures', responsibleUnit: 'responsibleUnit', partnerUnits: 'partnerUnits', leader: 'leader',
    responsiblePerson: 'responsiblePerson', deadline: 'deadline', foundAt: 'foundAt',
  },
  raw(row) {
    const { townCode } = row.place('townName', '__none');
    const label = row.get('sourceLabel');
    const sourceKind = SOURCE_OF_LABEL.find(([re]) => re.test(label))?.[1];
    if (label && !sourceKind) row.bad('sourceLabel', `问题来源“${label}”应为${Object.values(FINDING_SOURCES).join('、')}之一`);
    const date = (field: string, label: string) => {
      const text = row.get(field);
      if (!text) return null;
      const d = parseLedgerDate(text);
      if (!d) row.bad(field, `${label}“${text}”不是有效日期（如 2026-06-30 或 2026年6月30日）`);
      return d;
    };
    const deadline = date('deadline', '整改时限');
    const foundAt = date('foundAt', '交办日期') ?? new Date().toISOString().slice(0, 10);
    return {
      number: row.get('number') || null, sourceKind, description: row.get('description'), townCode: townCode ?? '0',
      targetName: row.get('targetName'), goal: row.get('goal'), measures: row.get('measures'), responsibleUnit: row.get('responsibleUnit'),
      partnerUnits: row.get('partnerUnits'), leader: row.get('leader'), responsiblePerson: row.get('responsiblePerson'),
      deadline: deadline ?? '', foundAt,
    };
  },
  existing: (db, d) => (d.number ? findingNumbered(db, d.number) : undefined),
  identity: (d) => (d.number ? { key: d.number, label: 'number' } : null),
  check(ctx, d, id) {
    const target = d.targetName ? enterpriseNamed(ctx.store.db, d.targetName) : undefined;
    return {
      errors: {},
      fields: {
        ...d, sourceId: null, itemId: null, targetKind: target ? 'enterprise' : 'site', targetId: target ?? null, targetName: d.targetName || d.description.slice(0, 40),
        legalBasis: '', deadlineBand: bandOf(d.foundAt, d.deadline), ...(id ? {} : { state: 'open' }), ...targetFacets(ctx.store.db, target ? 'enterprise' : 'site', target ?? null),
      },
    };
  },
  afterWrite(ctx, w, author) {
    if (w.create) rules.recordFindingCreated(ctx, w.id, w.fields.foundAt as string, author, '导入督察交办问题清单');
    else rules.refreshFinding(ctx.store, w.id);
  },
});
