import type { Database } from 'better-sqlite3';
import { documentAnswers, type InspectionDocument } from '../../shared/inspection/document';
import { getTemplate } from './checklists';
import { answersOf, getInspectionRow, photosOf, reviewedFindingsOf, signaturesOf } from './inspections';

/**
 * Builds the signed document of an inspection from its rows. Finalizing stores its canonical text;
 * `verify` builds it again and compares, so a changed row is caught as surely as a changed record.
 */
export function buildDocument(
  db: Database, id: string, chain: InspectionDocument['chain'], finalizedAt: string, finalizedBy: string,
): InspectionDocument {
  const i = getInspectionRow(db, id);
  if (!i) throw new Error(`inspection ${id} not found`);
  const t = getTemplate(db, i.templateId);
  if (!t) throw new Error(`template ${i.templateId} not found`);
  const answers = answersOf(db, id);
  const reviewed = reviewedFindingsOf(db, id);
  return {
    schema: 'qingshui.inspection/1',
    id: i.id, supersedes: i.supersedes, correctionReason: i.correctionReason,
    template: { id: t.id, code: t.code, version: t.version, name: t.name, sha256: t.sha256 },
    target: { kind: i.targetKind, id: i.targetId, name: i.targetName, address: i.targetAddress, townCode: i.townCode, townName: i.townName, extra: i.targetExtra },
    startedAt: i.startedAt, endedAt: i.endedAt, place: i.place,
    position: i.lon !== null && i.lat !== null ? { lon: i.lon, lat: i.lat, source: i.positionSource } : null,
    officers: i.officers, recorder: i.recorder, present: i.present, notice: i.notice, body: i.body,
    answers: documentAnswers(t.definition, answers),
    photos: photosOf(db, id).map(({ id: _id, ...p }) => p),
    signatures: signaturesOf(db, id),
    findings: [...reviewed.values()].filter((f) => f.included).sort((a, b) => a.itemId.localeCompare(b.itemId))
      .map(({ included: _i, ...f }) => f),
    chain, finalizedAt, finalizedBy,
  };
}
