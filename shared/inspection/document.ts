import canonicalize from 'canonicalize';
import type { Officer, Photo, Present, Recording, Signature } from '../api/inspections';
import { answerText, isFailing, visibleItemIds, type Answers } from '../checklist/answers';
import { itemsOf, type TemplateDefinition } from '../checklist/template';
import { limitNote } from '../checklist/limits';

/** A signed 现场检查记录 as frozen at finalization: the text that is hashed and chained. */
export type InspectionDocument = {
  schema: 'qingshui.inspection/1';
  id: string;
  supersedes: string | null;
  correctionReason: string | null;
  template: { id: string; code: string; version: number; name: string; sha256: string };
  target: { kind: string; id: string | null; name: string; address: string; townCode: string | null; townName: string; extra: Record<string, string> };
  startedAt: string | null;
  endedAt: string | null;
  place: string;
  position: { lon: number; lat: number; source: string | null } | null;
  officers: Officer[];
  recorder: Officer | null;
  present: Present;
  notice: string;
  /** The party's answer to the recusal question (records made before issue 19 have none). */
  recusal?: { answer: string; note: string };
  /** 检查来源 (records made before issue 19 have none). */
  source?: string;
  body: string;
  answers: { section: string; itemId: string; label: string; value: unknown; text: string; note: string; failing: boolean }[];
  photos: Omit<Photo, 'id'>[];
  /** Audio and video evidence (issue 19); absent when there is none, so records made before read the same. */
  recordings?: Omit<Recording, 'id'>[];
  signatures: Signature[];
  findings: { itemId: string; description: string; legalBasis: string; deadlineBand: string; responsibleUnit: string; responsiblePerson: string; deadline: string | null; measures: string }[];
  chain: { node: string; seq: number; prev: string | null };
  finalizedAt: string;
  finalizedBy: string;
};

/** The answers of the visible items in template order, as the record states them. */
export function documentAnswers(def: TemplateDefinition, answers: Answers): InspectionDocument['answers'] {
  const items = itemsOf(def);
  const visible = visibleItemIds(def, answers, items);
  return items.filter(({ item }) => visible.has(item.id) && item.type !== 'photo').map(({ item, section }) => {
    const a = answers[item.id];
    const value = a?.value ?? null;
    // A reading judged by the target's discharge limits states the limit and the standard it applied (issue 19).
    const text = answerText(item, value) + (item.type === 'reading' && item.limitFrom && value !== null ? `（${limitNote(item)}）` : '');
    return { section: section.title, itemId: item.id, label: item.label, value, text, note: a?.note ?? '', failing: isFailing(item, value) };
  });
}

/** The canonical JSON text (RFC 8785) of a document: the same bytes on every replica. */
export function canonicalDocument(doc: InspectionDocument): string {
  return canonicalize(doc) as string;
}

/** Whether a text is the canonical JSON (RFC 8785) of what it says: what a signed text must be (no other key order, spacing, escapes or repeated keys). */
export function isCanonicalJson(text: string): boolean {
  try { return canonicalize(JSON.parse(text)) === text; } catch { return false; }
}
