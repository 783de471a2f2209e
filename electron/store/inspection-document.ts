import type { Database } from 'better-sqlite3';
import { documentAnswers, type InspectionDocument } from '../../shared/inspection/document';
import { withTargetLimits } from '../../shared/checklist/limits';
import { getTemplate } from './checklists';
import { documentRowsOf, type DocumentRows } from './inspections';

/**
 * Builds the signed document of an inspection from its rows. Finalizing stores its canonical text;
 * `verify` builds it again and compares, so a changed row is caught as surely as a changed record.
 */
export function buildDocument(
  db: Database, id: string, chain: InspectionDocument['chain'], finalizedAt: string, finalizedBy: string,
): InspectionDocument {
  const rows = documentRowsOf(db, [id]).get(id);
  if (!rows) throw new Error(`inspection ${id} not found`);
  return documentOf(db, rows, chain, finalizedAt, finalizedBy);
}

/** Template versions already looked up, by id, for a caller building many documents (a version never changes). */
export type TemplateCache = Map<string, ReturnType<typeof getTemplate>>;

/**
 * The signed document of an inspection from rows already read (`documentRowsOf` for many at once).
 * `templates` keeps the versions already looked up, for a caller building many documents.
 */
export function documentOf(
  db: Database, rows: DocumentRows, chain: InspectionDocument['chain'], finalizedAt: string, finalizedBy: string,
  templates?: TemplateCache,
): InspectionDocument {
  const { inspection: i, answers, reviewed } = rows;
  let t = templates?.get(i.templateId);
  if (t === undefined) { t = getTemplate(db, i.templateId); templates?.set(i.templateId, t); }
  if (!t) throw new Error(`template ${i.templateId} not found`);
  return {
    schema: 'qingshui.inspection/1',
    id: i.id, supersedes: i.supersedes, correctionReason: i.correctionReason,
    template: { id: t.id, code: t.code, version: t.version, name: t.name, sha256: t.sha256 },
    target: { kind: i.targetKind, id: i.targetId, name: i.targetName, address: i.targetAddress, townCode: i.townCode, townName: i.townName, extra: i.targetExtra },
    startedAt: i.startedAt, endedAt: i.endedAt, place: i.place,
    position: i.lon !== null && i.lat !== null ? { lon: i.lon, lat: i.lat, source: i.positionSource } : null,
    officers: i.officers, recorder: i.recorder, present: i.present, notice: i.notice, body: i.body,
    ...(i.recusal ? { recusal: { answer: i.recusal, note: i.recusalNote ?? '' } } : {}),
    ...(i.source ? { source: i.source } : {}),
    answers: documentAnswers(withTargetLimits(t.definition, i.targetExtra, answers), answers),
    photos: rows.photos.map(({ id: _id, ...p }) => p),
    ...(rows.recordings.length ? { recordings: rows.recordings.map(({ id: _id, ...r }) => r) } : {}),
    signatures: rows.signatures,
    findings: [...reviewed.values()].filter((f) => f.included).sort((a, b) => a.itemId.localeCompare(b.itemId))
      .map(({ included: _i, ...f }) => f),
    chain, finalizedAt, finalizedBy,
  };
}
