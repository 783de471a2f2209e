import type { Change } from '../../shared/sync/change';
import { complaintNumber, isProvisionalNumber, parseComplaintNumber, provisionalYear } from '../../shared/complaint/number';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import { documentNumber, parseDocumentNumber } from '../../shared/enforcement/kinds';
import { baseFor, DELETED, newestHlc, winningValues, type FieldHeads } from '../../shared/sync/merge';
import { lastNseqOf, setLastNseq } from '../db/changes';
import { holdNumber, lastGiven, numberHolder, numbersOfKind, numbersOfYear, recordsOfKindAfter, setLastGiven } from '../db/county-numbers';
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
const MAX_SKIP = 100_000;

/** Whether a change the hub took may leave its record to be numbered. */
export function mayNeedNumber(c: Change): boolean {
  return c.entity === KIND && 'number' in c.fields;
}

/** The next number of a year no complaint holds, noted as this one's. */
async function giveNext(q: Queryable, year: string, id: string): Promise<string> {
  let last = await lastGiven(q, KIND, year);
  if (last === undefined) last = Math.max(0, ...(await numbersOfYear(q, KIND, year)).map((v) => parseComplaintNumber(v)?.seq ?? 0));
  for (let i = 0; i < MAX_SKIP; i++) {
    const value = complaintNumber(year, ++last);
    if (await numberHolder(q, KIND, value) !== undefined) continue;
    await holdNumber(q, KIND, value, id);
    await setLastGiven(q, KIND, year, last);
    return value;
  }
  throw new Error(`${year} 年的信访编号已用尽`);
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
    if (holder === undefined || holder === id) {
      await holdNumber(q, KIND, current, id);
      return null;
    }
  }
  const received = typeof values.receivedAt === 'string' && /^\d{4}/.test(values.receivedAt) ? values.receivedAt.slice(0, 4) : null;
  // Numbered in the year it was received (the county's scheme), whatever year the number it came with says.
  const year = received ?? provisionalYear(current) ?? parseComplaintNumber(current)?.year ?? new Date(now).toISOString().slice(0, 4);
  const number = await giveNext(q, year, id);
  const node = `hub${(await currentEpoch(q)).id}`;
  const nseq = (await lastNseqOf(q, node)) + 1;
  await setLastNseq(q, node, nseq);
  const after = parseHlc(newestHlc(heads));
  const ms = Math.max(now, after.ms);
  const hlc = formatHlc({ ms, counter: ms === after.ms ? after.counter + 1 : 0, node });
  return { cid: `${node}:${nseq}`, node, nseq, entity: KIND, entityId: id, hlc, author: 'system', fields: { number }, base: baseFor(heads, ['number']) };
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
