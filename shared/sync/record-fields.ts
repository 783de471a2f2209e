import { z } from 'zod';

/**
 * Every record kind a change may carry and the type of each of its fields (DESIGN §8, §11): what the
 * hub checks a pushed change against before it keeps it — an unknown kind or field, a value of the
 * wrong type or size is refused with its name, never stored where a new laptop would trip on it.
 * The laptop's tables (`electron/store/entities.ts`) hold the same fields; a unit test keeps the two equal.
 */
type Kind = 'text' | 'long' | 'doc' | 'int' | 'num' | 'bool' | 'json' | 'bigjson' | 'hash';

const T = 'text' as const, L = 'long' as const, I = 'int' as const, N = 'num' as const, B = 'bool' as const, J = 'json' as const, H = 'hash' as const;

export const RECORD_FIELDS: Record<string, Record<string, Kind>> = {
  enterprise: {
    name: T, uscc: T, pollutionSourceCode: T, industryCode: T, permitClass: T, keyUnit: B, state: T, address: T, townCode: T, villageCode: T,
    watershedId: T, lon: N, lat: N, legalRepresentative: T, contactName: T, contactPhone: T, tags: J, note: L,
    dischargeStandard: T, permitLimits: J,
    permitNumber: T, permitIssuer: T, permitValidFrom: T, permitValidTo: T, registrationNumber: T, keyUnitCategories: J,
  },
  outfall: {
    name: T, code: T, localCode: T, codeState: T, type: T, subType: T, waterBodyId: T, watershedId: T, townCode: T, villageCode: T, lon: N, lat: N,
    entryMode: T, dischargePattern: T, enterpriseId: T, approvalState: T, signState: T, remediationCategory: T, remediationState: T,
    nearestSection: T, sectionDistanceKm: N, note: L, dischargeStandard: T, permitLimits: J,
    responsibleKind: T, responsibleName: T, responsibleUscc: T, responsibleContact: T, responsiblePhone: T, approvalNumber: T, approvalDate: T,
    remediationMeasures: L, remediationPlannedAt: T, remediationDoneAt: T, postMonitoring: L, closureEvidence: L,
  },
  person: { name: T, role: T, certificateNo: T, unit: T, post: T, townCode: T, phone: T, active: B },
  region: { name: T, level: T, parentCode: T },
  watershed: { name: T },
  water_body: { name: T, kind: T, watershedId: T },
  settings: { value: 'bigjson' },
  checklist_template: { code: T, version: I, name: T, targetKinds: J, definition: 'doc', sha256: H, builtin: B, retired: B, basedOn: T },
  inspection: {
    state: T, templateId: T, targetKind: T, targetId: T, targetName: T, targetAddress: T, targetExtra: J, townCode: T, townName: T, startedAt: T,
    endedAt: T, place: T, lon: N, lat: N, positionSource: T, officers: J, recorder: J, present: J, body: L, notice: L, failingCount: I,
    supersedes: T, correctionReason: L, finalizedAt: T, sha256: H, createdBy: T, recusal: T, recusalNote: L, source: T,
  },
  inspection_answer: { inspectionId: T, itemId: T, value: J, note: L },
  inspection_photo: { inspectionId: T, itemId: T, sha256: H, thumbSha256: H, fileName: T, caption: L, takenAt: T, lon: N, lat: N, width: I, height: I },
  inspection_recording: { inspectionId: T, sha256: H, fileName: T, caption: L, mime: T, size: I, recordedAt: T, purpose: T },
  inspection_signature: { inspectionId: T, role: T, signerName: T, sha256: H, signedAt: T, refusedReason: L },
  inspection_finding: {
    inspectionId: T, itemId: T, included: B, description: L, legalBasis: L, deadlineBand: T, responsibleUnit: T, responsiblePerson: T, deadline: T, measures: L,
  },
  inspection_record: { node: T, chainSeq: I, prevSha256: H, canonical: 'doc', sha256: H, signer: T, signerKey: T, signature: T },
  finding: {
    sourceKind: T, sourceId: T, itemId: T, targetKind: T, targetId: T, targetName: T, townCode: T, description: L, legalBasis: L, deadlineBand: T,
    responsibleUnit: T, responsiblePerson: T, deadline: T, measures: L, foundAt: T, state: T, number: T, goal: L, partnerUnits: L, leader: T,
    watershedId: T, industrySection: T,
  },
  record_event: { stream: T, streamId: T, kind: T, hlc: T, author: T, at: T, text: L, data: J, blobs: J },
  complaint: {
    number: T, channel: T, receivedAt: T, complainantName: T, complainantPhone: T, content: L, categories: J, townCode: T, address: T, lon: N, lat: N,
    targetKind: T, targetId: T, targetName: T, acceptDays: I, completeDays: I, maxExtensionDays: I,
  },
  case: {
    sourceKind: T, sourceId: T, targetKind: T, targetId: T, targetName: T, party: T, uscc: T, legalRepresentative: T, address: T, townCode: T, facts: L, openedAt: T,
  },
  directory_entry: { category: T, excluded: B },
  inspector_conflict: { personId: T, targetId: T, reason: L },
  plan: {
    name: T, matter: L, periodFrom: T, periodTo: T, quotas: J, state: T, seed: T, snapshot: 'doc', drawSha256: H, drawnAt: T, drawnBy: T, releasedAt: T,
  },
  plan_task: {
    planId: T, order: I, targetKind: T, targetId: T, targetName: T, townCode: T, category: T, inspectorIds: J, inspectionId: T, result: T,
    publishedAt: T,
  },
  geometry: { kind: T, name: T, geojson: 'bigjson' },
};

/** Sizes: a name or code, a text of several pages, a whole document (a signed record, a drawn plan's directories), a JSON value, a boundary. */
const MAX = { text: 500, long: 200_000, doc: 16 * 1024 * 1024, json: 256 * 1024, bigjson: 16 * 1024 * 1024 };

function jsonOfSize(max: number) {
  return z.unknown().superRefine((v, ctx) => {
    const size = JSON.stringify(v ?? null).length;
    if (size > max) ctx.addIssue({ code: 'custom', message: `内容过大（${size} 字节，上限 ${max}）` });
  });
}

const KIND_SCHEMA: Record<Kind, z.ZodType> = {
  text: z.string().max(MAX.text).nullable(),
  long: z.string().max(MAX.long).nullable(),
  doc: z.string().max(MAX.doc).nullable(),
  int: z.number().int().min(-1e12).max(1e12).nullable(),
  num: z.number().finite().nullable(),
  bool: z.boolean().nullable(),
  json: jsonOfSize(MAX.json),
  bigjson: jsonOfSize(MAX.bigjson),
  hash: z.string().regex(/^[0-9a-f]{64}$/, '应为 SHA-256').nullable(),
};

const FIELD_SCHEMAS: Record<string, z.ZodType> = Object.fromEntries(Object.entries(RECORD_FIELDS).map(([entity, fields]) => [
  entity,
  z.strictObject({ ...Object.fromEntries(Object.entries(fields).map(([f, k]) => [f, KIND_SCHEMA[k].optional()])), deletedAt: z.string().max(40).nullable().optional() }),
]));

/** Why a change's kind or fields are not what a record of that kind holds (in Chinese, naming them), or null. */
export function changeFieldsProblem(entity: string, fields: Record<string, unknown>): string | null {
  const schema = FIELD_SCHEMAS[entity];
  if (!schema) return `未知的记录类型“${entity}”`;
  const r = schema.safeParse(fields);
  if (r.success) return null;
  return r.error.issues.slice(0, 3).map((i) => {
    if (i.code === 'unrecognized_keys') return `记录类型“${entity}”没有字段 ${i.keys.map((k) => `“${k}”`).join('、')}`;
    return `字段“${i.path.join('.')}”的值不对：${i.message}`;
  }).join('；');
}
