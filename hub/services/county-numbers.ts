import type { Change } from '../../shared/sync/change';
import { complaintNumber, isProvisionalNumber, parseComplaintNumber, provisionalYear } from '../../shared/complaint/number';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import { documentNumber, parseDocumentNumber } from '../../shared/enforcement/kinds';
import { baseFor, DELETED, newestHlc, winningValues, type FieldHeads } from '../../shared/sync/merge';
import { lastNseqOf, setLastNseq } from '../db/changes';
import { holdNumber, lastGiven, numberHolder, numbersOfKind, numbersOfYear, recordsOfKindAfter, setLastGiven, skipCounters } from '../db/county-numbers';
import type { HubDb, Queryable } from '../db/hub-db';
import { addMeta, metaValue } from '../db/meta';
import { currentEpoch } from './epoch';

/*
 * County-wide numbers the hub gives (issue 21): a complaint's 信访编号 (shared/complaint/number.ts). A
 * complaint reaching the hub with a provisional number, or with a number another complaint already
 * holds, is given the county's next number of its year by a change the hub makes itself — under a
 * node of the hub's own for this epoch (`hub<epoch id>`: after a restore the hub's changes can never be
 * taken for ones a laptop saw before it), with an HLC after every value the complaint holds, so every
 * laptop takes it, the complaint's own laptop too, at its next sync. A number the hub did not give (a
 * laptop's own, from before it joined) stands when no other complaint holds it; numbers are never
 * given twice, nor taken back.
 */

const KIND = 'complaint';
/** How far past the counter a year's numbers are looked at for a free one (numbers a laptop chose itself). */
const MAX_SKIP = 10_000;
/** How far past the year's numbers a laptop's own number may lie and stand. */
const CLAIM_WINDOW = 500;
/** How far each counter jumps at a restore: numbers given after the backup (printed on paper since) are not given again. */
export const RESTORE_NUMBER_MARGIN = 200;

/** Whether a change the hub took may leave its record to be numbered. */
export function mayNeedNumber(c: Change): boolean {
  return c.entity === KIND && 'number' in c.fields;
}

/** The next number of a year no complaint holds, noted as this one's (null: none free near the counter — the complaint keeps what it has). */
async function giveNext(q: Queryable, year: string, id: string): Promise<string | null> {
  let last = await lastGiven(q, KIND, year);
  if (last === undefined) last = Math.max(0, ...(await numbersOfYear(q, KIND, year)).map((v) => parseComplaintNumber(v)?.seq ?? 0));
  for (let i = 0; i < MAX_SKIP; i++) {
    const value = complaintNumber(year, ++last);
    if (await numberHolder(q, KIND, value) !== undefined) continue;
    await holdNumber(q, KIND, value, id);
    await setLastGiven(q, KIND, year, last);
    return value;
  }
  return null;
}

/**
 * Whether a laptop's own number may stand (a complaint numbered before its laptop joined): the county's
 * form written as the hub writes it (2026-0007, not 2026-00007), and not far past the numbers the year
 * holds — so one laptop can neither make the year's numbering jump nor fill it ahead of the hub. Text
 * in another form (a hotline's own reference) cannot collide with the county's numbers and stands.
 */
async function mayKeep(q: Queryable, number: string): Promise<boolean> {
  const parsed = parseComplaintNumber(number);
  if (!parsed) return true;
  if (complaintNumber(parsed.year, parsed.seq) !== number) return false;
  const reach = (await lastGiven(q, KIND, parsed.year)) ?? (await numbersOfYear(q, KIND, parsed.year)).length;
  return parsed.seq <= reach + CLAIM_WINDOW;
}

/**
 * After a complaint's change is taken: null when its number stands (noted as its own), else the change
 * by which the hub gives it the county's next number (to be logged as any change is).
 */
export async function countyNumberChange(q: Queryable, id: string, heads: FieldHeads, now: number): Promise<Change | null> {
  const values = winningValues(heads);
  const current = typeof values.number === 'string' ? values.number : '';
  if (values[DELETED]) return null;
  if (current && !isProvisionalNumber(current)) {
    const holder = await numberHolder(q, KIND, current);
    if (holder === id) return null;
    if (holder === undefined && await mayKeep(q, current)) {
      await holdNumber(q, KIND, current, id);
      return null;
    }
  }
  const received = typeof values.receivedAt === 'string' && /^\d{4}/.test(values.receivedAt) ? values.receivedAt.slice(0, 4) : null;
  // Numbered in the year it was received (the county's scheme), whatever year the number it came with says.
  const year = received ?? provisionalYear(current) ?? parseComplaintNumber(current)?.year ?? new Date(now).toISOString().slice(0, 4);
  const number = await giveNext(q, year, id);
  if (number === null) return null;
  const node = `hub${(await currentEpoch(q)).id}`;
  const nseq = (await lastNseqOf(q, node)) + 1;
  await setLastNseq(q, node, nseq);
  const after = parseHlc(newestHlc(heads));
  // After every value the complaint holds (a counter at its end rolls over to the next millisecond, as a clock does).
  let ms = Math.max(now, after.ms);
  let counter = ms === after.ms ? after.counter + 1 : 0;
  if (counter > 0xffff) { ms += 1; counter = 0; }
  const hlc = formatHlc({ ms, counter, node });
  return { cid: `${node}:${nseq}`, node, nseq, entity: KIND, entityId: id, hlc, author: 'system', fields: { number }, base: baseFor(heads, ['number']) };
}

/** After a restore: every counter jumps, so no number given after the backup is given again to another record. */
export async function skipCountersAfterRestore(q: Queryable): Promise<void> {
  await skipCounters(q, RESTORE_NUMBER_MARGIN);
}

/** Notes the numbers a hub's complaints and documents hold, for a hub that kept them before it gave numbers (once; first holder keeps a number). */
export async function fillCountyNumbers(db: HubDb): Promise<void> {
  if (await metaValue(db, 'county_numbers') !== undefined) return;
  await db.tx(async (q) => {
    for (let after = ''; ;) {
      const rows = await recordsOfKindAfter(q, KIND, after, 1000);
      for (const r of rows) {
        const n = winningValues(JSON.parse(r.heads) as FieldHeads).number;
        if (typeof n === 'string' && n && !isProvisionalNumber(n)) await holdNumber(q, KIND, n, r.entity_id);
      }
      if (rows.length < 1000) break;
      after = rows[rows.length - 1].entity_id;
    }
    for (let after = ''; ;) {
      const rows = await recordsOfKindAfter(q, 'record_event', after, 1000);
      for (const r of rows) {
        await noteDocumentNumber(q, 'record_event', r.entity_id, winningValues(JSON.parse(r.heads) as FieldHeads));
      }
      if (rows.length < 1000) break;
      after = rows[rows.length - 1].entity_id;
    }
    await addMeta(q, 'county_numbers', '1');
  });
}

/*
 * 执法文书 文号 (`{prefix}〔YYYY〕N号`, shared/enforcement/kinds.ts): a document is signed with its number, so
 * the hub cannot replace one afterwards. A laptop online asks the hub for the next before it signs
 * (`reserveDocumentNumber`); offline it numbers the document itself, after the highest it holds. Every
 * document reaching the hub has its number noted (`noteDocumentNumber`), so a number is never reserved
 * twice nor after one a laptop already used.
 */

/** The numbers of a kind of document, held together whatever their prefix. */
const documentKind = (kind: string) => `document:${kind}`;

/** The next 文号 of this kind, prefix and year no document holds (nor below `floor`, the laptop's own next), reserved for this device. */
export async function reserveDocumentNumber(q: Queryable, deviceId: string, kind: string, prefix: string, year: string, floor: number): Promise<string> {
  const held = documentKind(kind);
  const counter = `${held}:${prefix}`;
  let last = await lastGiven(q, counter, year);
  if (last === undefined) {
    const values = (await numbersOfKind(q, held)).map((v) => parseDocumentNumber(prefix, v));
    last = Math.max(0, ...values.filter((v) => v?.year === year).map((v) => v!.seq));
  }
  last = Math.max(last, floor - 1);
  for (let i = 0; i < MAX_SKIP; i++) {
    const value = documentNumber(prefix, year, ++last);
    if (await numberHolder(q, held, value) !== undefined) continue;
    await holdNumber(q, held, value, `reserved:${deviceId}`);
    await setLastGiven(q, counter, year, last);
    return value;
  }
  throw new Error(`${year} 年的文号已用尽`);
}

/** A document that reached the hub: its number is held from now on (a reservation becomes the document's). */
export async function noteDocumentNumber(q: Queryable, entity: string, id: string, fields: Record<string, unknown>): Promise<void> {
  if (entity !== 'record_event' || fields.kind !== 'document' || fields.stream !== 'case') return;
  const data = fields.data as { kind?: unknown; number?: unknown } | null;
  if (!data || typeof data.kind !== 'string' || typeof data.number !== 'string' || !data.number) return;
  await holdNumber(q, documentKind(data.kind), data.number, id);
}
