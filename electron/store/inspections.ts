import type { Database } from 'better-sqlite3';
import type { INSPECTION_SOURCES, InspectionSummary, Officer, Photo, Recording, Signature } from '../../shared/api/inspections';
import type { Answers } from '../../shared/checklist/answers';
import { INSPECTION, INSPECTION_FINDING, INSPECTION_PHOTO, INSPECTION_RECORDING, INSPECTION_SIGNATURE } from './entities';
import { rowToFields } from './write-path';
import { prepared } from './statements';

export type InspectionRow = {
  id: string; state: 'draft' | 'finalized' | 'superseded'; templateId: string; targetKind: 'enterprise' | 'outfall' | 'site';
  targetId: string | null; targetName: string; targetAddress: string; targetExtra: Record<string, string>; townCode: string | null; townName: string;
  startedAt: string | null; endedAt: string | null; place: string; lon: number | null; lat: number | null; positionSource: string | null;
  officers: Officer[]; recorder: Officer | null; present: { name: string; idNumber: string; post: string; phone: string };
  body: string; notice: string; failingCount: number; supersedes: string | null; correctionReason: string | null;
  finalizedAt: string | null; sha256: string | null; createdBy: string; createdAt: string; updatedAt: string; deleted: boolean;
  /** The party's answer to the recusal question (issue 19), and how a request was dealt with. */
  recusal: '不申请回避' | '申请回避' | null; recusalNote: string;
  /** 检查来源 (issue 19); records made before have none. */
  source: (typeof INSPECTION_SOURCES)[number] | null;
};

export function getInspectionRow(db: Database, id: string): InspectionRow | null {
  const row = prepared(db, 'SELECT * FROM inspections WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return row ? (rowToFields(INSPECTION, row) as InspectionRow) : null;
}

type AnswerRow = { inspection_id?: string; item_id: string; value: string | null; note: string };
const toAnswers = (rows: AnswerRow[]): Answers => Object.fromEntries(rows.map((r) => [r.item_id, { value: r.value === null ? null : JSON.parse(r.value) as unknown, note: r.note }]));

export function answersOf(db: Database, id: string): Answers {
  return toAnswers(prepared(db, 'SELECT item_id, value, note FROM inspection_answers WHERE inspection_id = ? AND deleted_at IS NULL').all(id) as AnswerRow[]);
}

export function photosOf(db: Database, id: string): Photo[] {
  const rows = prepared(db, 'SELECT * FROM inspection_photos WHERE inspection_id = ? AND deleted_at IS NULL ORDER BY created_at, id').all(id) as Record<string, unknown>[];
  return rows.map(toPhoto);
}

function toPhoto(r: Record<string, unknown>): Photo {
  const { inspectionId: _i, createdAt: _c, updatedAt: _u, deleted: _d, ...photo } = rowToFields(INSPECTION_PHOTO, r);
  return photo as Photo;
}

export function recordingsOf(db: Database, id: string): Recording[] {
  const rows = prepared(db, 'SELECT * FROM inspection_recordings WHERE inspection_id = ? AND deleted_at IS NULL ORDER BY created_at, id').all(id) as Record<string, unknown>[];
  return rows.map(toRecording);
}

function toRecording(r: Record<string, unknown>): Recording {
  const { inspectionId: _i, createdAt: _c, updatedAt: _u, deleted: _d, ...recording } = rowToFields(INSPECTION_RECORDING, r);
  return recording as Recording;
}

export function signaturesOf(db: Database, id: string): Signature[] {
  const rows = prepared(db, 'SELECT * FROM inspection_signatures WHERE inspection_id = ? AND deleted_at IS NULL ORDER BY created_at, id').all(id) as Record<string, unknown>[];
  return rows.map(toSignature);
}

function toSignature(r: Record<string, unknown>): Signature {
  const f = rowToFields(INSPECTION_SIGNATURE, r);
  return { role: f.role, signerName: f.signerName, sha256: f.sha256, signedAt: f.signedAt, refusedReason: f.refusedReason } as Signature;
}

export type ReviewedFinding = {
  itemId: string; included: boolean; description: string; legalBasis: string; deadlineBand: string;
  responsibleUnit: string; responsiblePerson: string; deadline: string | null; measures: string;
};

/** The inspector's saved reviews of proposed findings, by item id. */
export function reviewedFindingsOf(db: Database, id: string): Map<string, ReviewedFinding> {
  const rows = prepared(db, 'SELECT * FROM inspection_findings WHERE inspection_id = ? AND deleted_at IS NULL').all(id) as Record<string, unknown>[];
  return new Map(rows.map(toReviewed));
}

function toReviewed(r: Record<string, unknown>): [string, ReviewedFinding] {
  const { id: _id, inspectionId: _i, createdAt: _c, updatedAt: _u, deleted: _d, ...f } = rowToFields(INSPECTION_FINDING, r);
  return [f.itemId as string, f as unknown as ReviewedFinding];
}

/** What a signed document is built from, for one inspection. */
export type DocumentRows = { inspection: InspectionRow; answers: Answers; photos: Photo[]; recordings: Recording[]; signatures: Signature[]; reviewed: Map<string, ReviewedFinding> };

/**
 * The rows of many inspections' documents at once — one query per table, in the single loaders'
 * order — for checking a page of received records (a query per table per record costs more than the check).
 */
export function documentRowsOf(db: Database, ids: string[]): Map<string, DocumentRows> {
  const out = new Map<string, DocumentRows>();
  const json = JSON.stringify(ids);
  const inIds = 'inspection_id IN (SELECT value FROM json_each(?))';
  for (const r of prepared(db, 'SELECT * FROM inspections WHERE id IN (SELECT value FROM json_each(?))').all(json) as Record<string, unknown>[]) {
    out.set(r.id as string, { inspection: rowToFields(INSPECTION, r) as InspectionRow, answers: {}, photos: [], recordings: [], signatures: [], reviewed: new Map() });
  }
  const groups = <T>(sql: string) => {
    const by = new Map<string, T[]>();
    for (const r of prepared(db, sql).all(json) as (T & { inspection_id: string })[]) {
      let list = by.get(r.inspection_id);
      if (!list) by.set(r.inspection_id, (list = []));
      list.push(r);
    }
    return by;
  };
  // Answers are most of a record's rows: SQLite hands each inspection's as one JSON array, [item, value, note]
  // (a stored value that is not JSON reads as null, so the record fails its check instead of the page).
  const answers = new Map<string, [string, unknown, string][]>();
  for (const r of prepared(db, `SELECT inspection_id, json_group_array(json_array(item_id, CASE WHEN json_valid(value) THEN json(value) END, note)) AS list
    FROM inspection_answers WHERE ${inIds} AND deleted_at IS NULL GROUP BY inspection_id`).all(json) as { inspection_id: string; list: string }[]) {
    answers.set(r.inspection_id, JSON.parse(r.list) as [string, unknown, string][]);
  }
  const photos = groups<Record<string, unknown>>(`SELECT * FROM inspection_photos WHERE ${inIds} AND deleted_at IS NULL ORDER BY created_at, id`);
  const recordings = groups<Record<string, unknown>>(`SELECT * FROM inspection_recordings WHERE ${inIds} AND deleted_at IS NULL ORDER BY created_at, id`);
  const signatures = groups<Record<string, unknown>>(`SELECT * FROM inspection_signatures WHERE ${inIds} AND deleted_at IS NULL ORDER BY created_at, id`);
  const reviewed = groups<Record<string, unknown>>(`SELECT * FROM inspection_findings WHERE ${inIds} AND deleted_at IS NULL`);
  for (const [id, d] of out) {
    d.answers = Object.fromEntries((answers.get(id) ?? []).map(([item, value, note]) => [item, { value, note }]));
    d.photos = (photos.get(id) ?? []).map(toPhoto);
    d.recordings = (recordings.get(id) ?? []).map(toRecording);
    d.signatures = (signatures.get(id) ?? []).map(toSignature);
    d.reviewed = new Map((reviewed.get(id) ?? []).map(toReviewed));
  }
  return out;
}

export type RecordRow = {
  inspectionId: string; node: string; chainSeq: number; prevSha256: string | null; canonical: string; sha256: string;
  /** Issue 18: the account that signed it at 定稿, its device's public key and signature (null: made before records were signed). */
  signer: string | null; signerKey: string | null; signature: string | null;
};

export function recordOf(db: Database, id: string): RecordRow | null {
  const r = prepared(db, 'SELECT inspection_id AS inspectionId, node, chain_seq AS chainSeq, prev_sha256 AS prevSha256, canonical, sha256, signer, signer_key AS signerKey, signature FROM inspection_records WHERE inspection_id = ?').get(id) as RecordRow | undefined;
  return r ?? null;
}

/** The hash of an inspection's signed text held here (received before its 定稿 state, or finalized), or null. */
export function signedTextHash(db: Database, id: string): string | null {
  return (prepared(db, 'SELECT sha256 FROM inspection_records WHERE inspection_id = ?').pluck().get(id) as string | undefined) ?? null;
}

/** The last link of a device's hash chain, or null before its first signed record. */
export function lastChainLink(db: Database, node: string): { chainSeq: number; sha256: string } | null {
  const r = prepared(db, 'SELECT chain_seq AS chainSeq, sha256 FROM inspection_records WHERE node = ? ORDER BY chain_seq DESC LIMIT 1').get(node) as { chainSeq: number; sha256: string } | undefined;
  return r ?? null;
}

export function supersededByOf(db: Database, id: string): string | null {
  const r = prepared(db, "SELECT id FROM inspections WHERE supersedes = ? AND state <> 'draft' AND deleted_at IS NULL").get(id) as { id: string } | undefined;
  return r?.id ?? null;
}

export type InspectionListFilter = {
  q?: string; targetKind?: string; targetId?: string; officerId?: string; state?: string; from?: string; to?: string; templateCode?: string; townCode?: string;
};

/** Inspections newest first, filtered by target, officer, state, period, template and town. */
export function listInspections(db: Database, f: InspectionListFilter, offset: number, limit: number): { total: number; rows: InspectionSummary[] } {
  const where = ['i.deleted_at IS NULL'];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => { if (value !== undefined && value !== '') { where.push(sql); args.push(value); } };
  add("i.target_name LIKE '%' || ? || '%'", f.q);
  add('i.target_kind = ?', f.targetKind);
  add('i.target_id = ?', f.targetId);
  add("EXISTS (SELECT 1 FROM json_each(i.officers) WHERE json_extract(value, '$.personId') = ?)", f.officerId);
  add('i.state = ?', f.state);
  add('i.started_at >= ?', f.from);
  add('i.started_at < ?', f.to ? `${f.to}T99` : undefined);
  add('t.code = ?', f.templateCode);
  add('i.town_code = ?', f.townCode);
  const from = `FROM inspections i JOIN checklist_templates t ON t.id = i.template_id WHERE ${where.join(' AND ')}`;
  const total = (prepared(db, `SELECT count(*) AS n ${from}`).get(...args) as { n: number }).n;
  const rows = prepared(db, `SELECT i.*, t.name AS template_name, t.code AS template_code ${from} ORDER BY coalesce(i.started_at, i.created_at) DESC, i.id DESC LIMIT ? OFFSET ?`)
    .all(...args, limit, offset) as Record<string, unknown>[];
  return {
    total,
    rows: rows.map((r) => {
      const i = rowToFields(INSPECTION, r) as InspectionRow;
      return {
        id: i.id, state: i.state, templateId: i.templateId, templateName: r.template_name as string, templateCode: r.template_code as string,
        targetKind: i.targetKind, targetId: i.targetId, targetName: i.targetName, townCode: i.townCode, townName: i.townName,
        startedAt: i.startedAt, endedAt: i.endedAt, officerNames: i.officers.map((o) => o.name).join('、'), failingCount: i.failingCount,
        supersedes: i.supersedes, sha256: i.sha256, updatedAt: i.updatedAt,
      };
    }),
  };
}

/** Finalized inspections of a target since a day (a site is known by the name the inspector gave it): what a re-check can point at. */
export function finalizedInspectionsSince(db: Database, f: { targetKind: string; targetId: string | null; targetName: string; sourceId: string | null; foundAt: string }): { id: string; startedAt: string; templateName: string; failingCount: number }[] {
  const [col, value] = f.targetId ? ['i.target_id', f.targetId] : ['i.target_name', f.targetName];
  return prepared(db, `SELECT i.id, i.started_at AS startedAt, t.name AS templateName, i.failing_count AS failingCount
    FROM inspections i JOIN checklist_templates t ON t.id = i.template_id
    WHERE i.target_kind = ? AND ${col} = ? AND i.state = 'finalized' AND i.id IS NOT ? AND substr(i.started_at, 1, 10) >= ?
    ORDER BY i.started_at DESC LIMIT 20`).all(f.targetKind, value, f.sourceId, f.foundAt) as { id: string; startedAt: string; templateName: string; failingCount: number }[];
}

/** Whether an answer (by its id) has been written. */
export function answerExists(db: Database, answerId: string): boolean {
  return !!prepared(db, 'SELECT 1 FROM inspection_answers WHERE id = ?').get(answerId);
}

/** The draft correction of a finalized inspection, if one is open. */
export function openCorrectionOf(db: Database, id: string): string | undefined {
  return db.prepare("SELECT id FROM inspections WHERE supersedes = ? AND state = 'draft' AND deleted_at IS NULL").pluck().get(id) as string | undefined;
}

/** The reviewed findings of an inspection that are included in its record. */
export function includedFindingsOf(db: Database, id: string): { id: string; item_id: string }[] {
  return db.prepare('SELECT id, item_id FROM inspection_findings WHERE inspection_id = ? AND included = 1').all(id) as { id: string; item_id: string }[];
}
