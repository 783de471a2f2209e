import { describe, expect, it } from 'vitest';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import { applyRemoteChanges, type RemoteChange } from '../../electron/services/sync/apply';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { INSPECTION, WATERSHED } from '../../electron/store/entities';
import { verifyWorkspace } from '../../electron/store/verify-records';
import { openWorkbench, tempDir } from '../integration/helpers';

// A laptop receiving one inspection's 定稿 in the hub's order, with a crafted device's changes mixed in
// (the hub would quarantine them too — test/security/frozen.test.ts — this is the laptop's own guard,
// for a hub that took them or was altered). The signed text (inspection_record) comes before its 定稿 state.
const EVIL = 'evil0001';
let evilSeq = 0;
let hubSeq = 1_000_000;
const hlcAt = (ms: number) => `${ms.toString(16).padStart(12, '0')}-0000-${EVIL}`;
const evil = (entity: string, entityId: string, fields: Record<string, unknown>, ms = Date.now() + 1000): RemoteChange =>
  ({ node: EVIL, nseq: ++evilSeq, entity, entityId, hlc: hlcAt(ms + evilSeq), author: 'evil', fields, base: {}, hubSeq: ++hubSeq });

type County = { all: RemoteChange[]; id: string; rec: number; st: number };
let county: County | null = null;
async function signedCounty(): Promise<County> {
  if (county) return county;
  const a = createWorkbench({ dataDir: tempDir(), actor: 'system' });
  generateDemo(a.store);
  await generateDemoPast(a.store, { seed: 778, count: 1 });
  let seq = 0;
  const all = (a.store.db.prepare('SELECT node, nseq, entity, entity_id, hlc, author, fields, base FROM changes ORDER BY seq').all() as Record<string, string | number>[])
    .map((r) => ({ node: r.node, nseq: r.nseq, entity: r.entity, entityId: r.entity_id, hlc: r.hlc, author: r.author, fields: JSON.parse(r.fields as string), base: r.base ? JSON.parse(r.base as string) : {}, hubSeq: ++seq }) as RemoteChange);
  a.close();
  const rec = all.findIndex((c) => c.entity === 'inspection_record');
  const id = all[rec].entityId;
  const st = all.findIndex((c, i) => i > rec && c.entity === 'inspection' && c.entityId === id && c.fields.sha256 !== undefined);
  county = { all, id, rec, st };
  return county;
}
const apply = (b: Workbench, changes: RemoteChange[]) => b.store.replicaTransaction(() => applyRemoteChanges(b.store, changes));
const rowOf = (b: Workbench, id: string) => b.store.db.prepare('SELECT state, sha256, body FROM inspections WHERE id = ?').get(id) as { state: string; sha256: string | null; body: string } | undefined;
const recordProblems = (b: Workbench) => verifyWorkspace(b.store.db, b.store.blobDir).problems.filter((p) => p.kind === 'record');
const reasons = (...reports: { rejected: { reason: string }[] }[]) => reports.flatMap((r) => r.rejected.map((x) => x.reason)).join('\n');

describe('a 定稿 arriving in pieces: what a laptop keeps', () => {
  it('the signed text in one page and its 定稿 state in the next: kept, and the draft cannot be edited meanwhile', async () => {
    const { all, id, rec } = await signedCounty();
    const b = openWorkbench(undefined, 'system');
    expect(apply(b, all.slice(0, rec + 1)).rejected).toEqual([]);
    expect(rowOf(b, id)!.state).toBe('draft');
    await expect(b.call('inspections.updateHeader', { id, patch: { body: '本机补写' } })).rejects.toThrow('已在另一台设备上定稿签署');
    expect(apply(b, all.slice(rec + 1)).rejected).toEqual([]);
    expect(rowOf(b, id)!.state).toBe('finalized');
    expect(recordProblems(b)).toEqual([]);
  }, 120_000);

  it('a body altered with the hash while a draft, then a 定稿 state without the hash: refused, not kept as 定稿', async () => {
    const { all, id, rec, st } = await signedCounty();
    const b = openWorkbench(undefined, 'system');
    const H = all[st].fields.sha256 as string;
    const r1 = apply(b, [...all.slice(0, rec + 1), evil('inspection', id, { body: '伪造的笔录正文', sha256: H })]);
    const r2 = apply(b, [evil('inspection', id, { state: 'finalized', finalizedAt: all[st].fields.finalizedAt })]);
    expect(reasons(r1, r2)).toContain('定稿须在同一变更中写明定稿状态和哈希');
    expect(rowOf(b, id)).toMatchObject({ state: 'draft', sha256: null });
    expect(recordProblems(b).map((p) => p.message).join()).toContain('定稿状态尚未同步到本机');
    // The real 定稿 still lands, with the body that was signed.
    expect(apply(b, all.slice(rec + 1)).rejected).toEqual([]);
    expect(rowOf(b, id)).toMatchObject({ state: 'finalized', sha256: H });
    expect(rowOf(b, id)!.body).not.toBe('伪造的笔录正文');
    expect(recordProblems(b)).toEqual([]);
  }, 120_000);

  it('a draft marked superseded (only a finalized record can be): refused', async () => {
    const { all, id, rec } = await signedCounty();
    const b = openWorkbench(undefined, 'system');
    apply(b, all.slice(0, rec + 1));
    const r = apply(b, [evil('inspection', id, { state: 'superseded' })]);
    expect(reasons(r)).toContain('只有已定稿的检查记录可被其更正版本取代');
    expect(rowOf(b, id)!.state).toBe('draft');
  }, 120_000);

  it('a far-future "back to draft" placed before the real 定稿, then an edit and a 定稿 state: refused, the real 定稿 kept', async () => {
    const { all, id, rec } = await signedCounty();
    const b = openWorkbench(undefined, 'system');
    const future = Date.now() + 365 * 24 * 3600_000;
    let n = 0;
    const p1 = apply(b, [...all.slice(0, rec), evil('inspection', id, { state: 'draft' }, future), ...all.slice(rec)].map((c) => ({ ...c, hubSeq: ++n })));
    const p2 = apply(b, [evil('inspection', id, { body: '伪造的笔录正文' }, future)]);
    expect(reasons(p1)).toContain('检查记录不能改回草稿');
    expect(reasons(p2)).toContain('已定稿');
    expect(rowOf(b, id)).toMatchObject({ state: 'finalized', sha256: all.find((c) => c.entity === 'inspection_record')!.fields.sha256 });
    expect(rowOf(b, id)!.body).not.toBe('伪造的笔录正文');
    expect(recordProblems(b)).toEqual([]);
  }, 120_000);

  it('a 定稿 state with no signed text of its hash (on someone’s draft): refused, the draft stays a draft', async () => {
    const { all, id, rec } = await signedCounty();
    const b = openWorkbench(undefined, 'system');
    apply(b, all.slice(0, rec));
    const r = apply(b, [evil('inspection', id, { state: 'finalized', sha256: 'ab'.repeat(32), finalizedAt: '2026-01-01T00:00:00.000Z' })]);
    expect(reasons(r)).toContain('定稿状态未随其签署文本');
    expect(rowOf(b, id)).toMatchObject({ state: 'draft', sha256: null });
  }, 120_000);

  it('a received record refused after this laptop wrote changes of its own keeps this laptop’s numbering whole', async () => {
    const { all, id, rec, st } = await signedCounty();
    const b = openWorkbench(undefined, 'system');
    const own = () => b.store.db.prepare('SELECT nseq FROM changes WHERE node = ? ORDER BY nseq').pluck().all(b.store.nodeId) as number[];
    // B edited the draft before the signed text reached it (its edit then differs from what A signed).
    apply(b, all.slice(0, rec));
    b.store.write(INSPECTION, id, { body: 'B 在草稿上补充' }, 'b-user');
    b.store.write(WATERSHED, 'ws-b', { name: '东江' }, 'b-user');
    const before = own();
    const r = apply(b, all.slice(rec, st + 1));
    expect(reasons(r)).toContain('不一致');
    expect(own()).toEqual(before);
    expect(rowOf(b, id)).toBeUndefined();
  }, 120_000);
});
