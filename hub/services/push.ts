import { changeDigest, type Change } from '../../shared/sync/change';
import { MAX_DRIFT_MS, parseHlc } from '../../shared/sync/hlc';
import { conflictedFields, DELETED, mergeChange, winningValues, type FieldHeads } from '../../shared/sync/merge';
import { entityRefusal } from '../../shared/auth/entity-permissions';
import { type Ack } from '../../shared/sync/protocol';
import { areaRefusal, parentOf, targetOf } from '../../shared/sync/roles';
import { checkSigned } from '../../shared/sync/signed';
import { changeFieldsProblem } from '../../shared/sync/record-fields';
import { blobRefs } from '../../shared/sync/blob-refs';
import { blobReferenced } from '../db/blobs';
import { lastNseqOf, latestHubSeq, setLastNseq, storedChange } from '../db/changes';
import type { Queryable } from '../db/hub-db';
import { heldChange, insertQuarantined } from '../db/quarantine';
import { setRecordRefs } from '../db/record-refs';
import { changesReferences, referencesOf } from '../../shared/sync/references';
import type { Author } from './accounts';
import { mayReadBlob, noteBlobRefs } from './blob-access';
import { parentKey } from './record-family';
import { HubRefusal } from './hub-error';
import { areaOf } from './record-area';
import { RecordCache } from './record-cache';
import { frozenRefusal } from './frozen';
import { signerBindingProblem } from './record-signature-check';
import { actingAuthor } from './acting-account';
import { countyNumberChange, mayNeedNumber, noteDocumentNumber } from './county-numbers';

/** Holds a change the author may not make, saying why. */
async function quarantine(q: Queryable, who: Author, c: Change, reason: string): Promise<Ack> {
  await insertQuarantined(q, who, c, reason, new Date().toISOString());
  return { cid: c.cid, status: 'quarantined', reason };
}

/**
 * A town officer's change naming a file the hub already holds that they may not read (a photo of
 * another town's record, its hash learned somehow): refused, or naming it would make it theirs to download.
 */
async function unreadableBlob(records: RecordCache, who: Author, c: Change): Promise<string | null> {
  if (who.role !== 'town') return null;
  const q = records.q;
  const hashes = blobRefs(c.entity, c.fields);
  // Who may read a file is judged from the records that name it: those of this page too.
  if (hashes.length) await records.flush();
  for (const hash of hashes) {
    if (await blobReferenced(q, hash) && !(await mayReadBlob(q, who, hash))) return `引用的文件 ${hash.slice(0, 12)}… 属于本账号负责镇街以外的记录，已拒收`;
  }
  return null;
}

/** A change already received under this id: the same one again is a duplicate; another one is a clone. */
async function repeatOf(q: Queryable, c: Change): Promise<Ack> {
  const applied = await storedChange(q, c.node, c.nseq);
  const held = applied ? undefined : await heldChange(q, c.node, c.nseq);
  const stored: Change | undefined = applied
    ? { ...c, entity: applied.entity, entityId: applied.entity_id, hlc: applied.hlc, author: applied.author, fields: JSON.parse(applied.fields) }
    : held && (JSON.parse(held.change) as Change);
  if (!stored || changeDigest(stored) !== changeDigest(c)) {
    throw new HubRefusal(409, 'clone', `变更 ${c.cid} 与本中心已收到的同号变更内容不同：该设备的数据库可能被复制或由备份恢复，请重新登记本机`);
  }
  return held ? { cid: c.cid, status: 'quarantined', reason: held.reason } : { cid: c.cid, status: 'duplicate' };
}

/**
 * Takes one page of a device's changes in one transaction (DESIGN §8): in order of the node's own
 * counter (a gap is refused, so nothing is skipped), each checked against the author's role and
 * area (quarantined when outside), merged into the record's heads and given the next hub sequence.
 * A repeat is acknowledged again; the same id with other content means a cloned or restored device.
 */
export async function pushPage(q: Queryable, who: Author, changes: Change[], lastNseq: number, now = Date.now()): Promise<{ acks: Ack[]; hubSeq: number }> {
  let last = await lastNseqOf(q, who.node);
  if (last > lastNseq) {
    throw new HubRefusal(409, 'restored', `本中心已收到该设备的第 ${last} 号变更，而设备自报只写到第 ${lastNseq} 号：数据库可能由备份恢复或被复制，请重新登记本机`);
  }
  const acks: Ack[] = [];
  const records = new RecordCache(q);
  // The page's records, the ones they belong to and the ones they are about: read at once.
  await records.preload(changes.flatMap((c) => [{ entity: c.entity, id: c.entityId }, parentOf(c.entity, c.entityId, c.fields), targetOf(c.fields)].filter((k) => k !== null)));
  const actors = new Map<string, Author | string>();
  for (const c of [...changes].sort((a, b) => a.nseq - b.nseq)) {
    if (c.node !== who.node) throw new HubRefusal(400, 'foreign_node', `变更 ${c.cid} 不属于本设备（节点 ${who.node}）`);
    if (c.nseq <= last) {
      await records.flush(); // a repeat is looked up in the log itself
      acks.push(await repeatOf(q, c));
      continue;
    }
    if (c.nseq !== last + 1) throw new HubRefusal(409, 'gap', `缺少前序变更：本中心已收到第 ${last} 号，本页从第 ${c.nseq} 号开始`);
    last = c.nseq;
    const ack = await takeChange(records, who, c, now, actors);
    acks.push(ack);
    if (ack.status === 'applied' && mayNeedNumber(c)) await giveCountyNumber(records, c, now);
    if (ack.status === 'applied') await noteDocumentNumber(q, c.entity, c.entityId, c.fields);
  }
  await records.flush();
  await setLastNseq(q, who.node, last);
  const hubSeq = await latestHubSeq(q);
  return { acks, hubSeq };
}

/** One change of a page, checked and then logged — or held, saying why. */
async function takeChange(records: RecordCache, who: Author, c: Change, now: number, actors: Map<string, Author | string>): Promise<Ack> {
  const q = records.q;
  const malformed = changeFieldsProblem(c.entity, c.fields);
  if (malformed) return quarantine(q, who, c, malformed);
  // Judged by the account it was made under, when that account signed in on this device (issue 18).
  const actor = await actingAuthor(q, who, c, actors);
  if (typeof actor === 'string') return quarantine(q, who, c, actor);
  const record = await records.get(c.entity, c.entityId);
  const heads: FieldHeads = record ? JSON.parse(record.heads) : {};
  const area = await areaOf(records, c, heads, record);
  // Writing what the record already says is agreement, not an edit (every laptop seeds the same built-in templates).
  // Only for records of no town (templates, settings), not deleted, each field already held with that value
  // (by every head it has: two laptops seeding the same template leave two heads of one value):
  // anything else is judged, or an 'agreement' could reopen a deleted record or confirm a guessed value.
  const agrees = record !== undefined && area.current === null && !heads.deletedAt?.[0]?.v
    && Object.entries(c.fields).every(([f, v]) => heads[f] !== undefined && heads[f].length > 0 && heads[f].every((h) => JSON.stringify(h.v ?? null) === JSON.stringify(v ?? null)));
  // A change made under a named account is held to that account's role by the one permission table.
  const refusal = agrees ? null : (actor !== who ? entityRefusal(actor.role, c.entity, { ...winningValues(heads), ...c.fields }) : null)
    ?? areaRefusal(actor.role, actor.towns, c.entity, area);
  if (refusal) return quarantine(q, who, c, refusal);
  const signed = checkSigned(c.entity, heads, c.fields);
  if (signed && signed !== 'same') return quarantine(q, who, c, signed);
  const frozen = agrees ? null : await frozenRefusal(records, c, heads);
  if (frozen) return quarantine(q, who, c, frozen);
  const signer = await signerBindingProblem(q, who, c);
  if (signer) return quarantine(q, who, c, signer);
  const foreignFile = await unreadableBlob(records, actor, c);
  if (foreignFile) return quarantine(q, who, c, foreignFile);
  return appendChange(records, who, c, heads, area.next, record?.town ?? null, signed === 'same', now);
}

/**
 * A change given the next hub sequence and merged into its record's heads. The same signed document
 * again (same hash) is kept in the log but changes nothing. The record's town — who receives it — is
 * its winning townCode once merged (of two concurrent moves, the newer), else its change's or parent's.
 */
async function appendChange(records: RecordCache, by: { deviceId: string | null; user: string | null }, c: Change, heads: FieldHeads, town: string | null, was: string | null, repeat: boolean, now: number): Promise<Ack> {
  const q = records.q;
  const clockFlag = parseHlc(c.hlc).ms - now > MAX_DRIFT_MS ? 1 : 0;
  const outcome = repeat ? null : mergeChange(heads, c);
  const winner = outcome?.heads.townCode?.[0]?.v;
  const at = typeof winner === 'string' ? winner : town;
  // A change that moves the record to another town is also for the old town's readers: they see it leave.
  const prevTown = was !== null && was !== at ? was : null;
  const logged = records.logChange(c, { town: at, prevTown, deviceId: by.deviceId, pushedBy: by.user, receivedAt: new Date(now).toISOString(), clockFlag });
  if (!outcome) return { cid: c.cid, status: 'duplicate' };
  await noteBlobRefs(q, c.entity, c.entityId, c.fields);
  const fresh = Object.keys(heads).length === 0;
  records.set({ entity: c.entity, entityId: c.entityId, heads: JSON.stringify(outcome.heads), town: at, parent: parentKey(c.entity, c.entityId, outcome.heads), conflicted: conflictedFields(outcome.heads).length > 0 }, logged);
  // What it names (an outfall's enterprise): another town's, read beside it as a reference.
  // A deleted record names nothing (what it named is no longer read through it).
  if (fresh || changesReferences(c.fields) || DELETED in c.fields) {
    const values = winningValues(outcome.heads);
    await setRecordRefs(q, c.entity, c.entityId, values[DELETED] ? [] : referencesOf(c.entity, c.entityId, values), fresh);
  }
  // Children follow a record that moves — and one that arrives after them (they had no town to take).
  if (prevTown !== null || fresh) await records.moveChildren(c.entity, c.entityId, at, prevTown !== null);
  return { cid: c.cid, status: 'applied' };
}

/** A complaint that reached the hub without a county number of its own is given one (hub/services/county-numbers.ts). */
async function giveCountyNumber(records: RecordCache, c: Change, now: number): Promise<void> {
  const row = await records.get(c.entity, c.entityId);
  if (!row) return;
  const heads: FieldHeads = JSON.parse(row.heads);
  const numbered = await countyNumberChange(records.q, c.entityId, heads, now);
  if (numbered) await appendChange(records, { deviceId: null, user: null }, numbered, heads, row.town, row.town, false, now);
}

/**
 * Applies a quarantined change on an admin's decision, as if the author's role and area allowed it
 * (a signed document with another hash never is): the next hub sequence, merged into the record's
 * heads, and on every laptop that may see it with their next sync.
 */
export async function appendReleased(q: Queryable, by: { deviceId: string | null; user: string | null }, c: Change, now = Date.now()): Promise<Ack> {
  const malformed = changeFieldsProblem(c.entity, c.fields);
  if (malformed) throw new HubRefusal(409, 'malformed', `变更 ${c.cid} 不能放行：${malformed}`);
  const records = new RecordCache(q);
  const record = await records.get(c.entity, c.entityId);
  const heads: FieldHeads = record ? JSON.parse(record.heads) : {};
  const signed = checkSigned(c.entity, heads, c.fields);
  if (signed && signed !== 'same') throw new HubRefusal(409, 'signed', `变更 ${c.cid} 不能放行：${signed}`);
  const frozen = await frozenRefusal(records, c, heads);
  if (frozen) throw new HubRefusal(409, 'signed', `变更 ${c.cid} 不能放行：${frozen}`);
  const ack = await appendChange(records, by, c, heads, (await areaOf(records, c, heads, record)).next, record?.town ?? null, signed === 'same', now);
  if (ack.status === 'applied' && mayNeedNumber(c)) await giveCountyNumber(records, c, now);
  if (ack.status === 'applied') await noteDocumentNumber(q, c.entity, c.entityId, c.fields);
  await records.flush();
  return ack;
}
