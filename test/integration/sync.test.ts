import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blobPath } from '../../electron/store/blob-store';
import { verifyWorkspace } from '../../electron/store/verify-records';
import { syncNow } from '../../electron/services/sync';
import { hubSession } from '../../electron/services/sync/session';
import { listDevices, setDeviceState } from '../../hub/services/accounts';
import { fillBlobRefs } from '../../hub/services/blob-access';
import { exportHubBundle, importHubBundle } from '../../hub/services/bundles';
import { exportDeviceBundle } from '../../electron/services/sync/bundle';
import { quarantineList } from '../../hub/services/quarantine';
import { enterpriseDraft, openWorkbench, outfallDraft, tempDir } from './helpers';
import { completeIndustrial, startIndustrial } from './inspection-helpers';
import { conflictKeys, countyAndOfficer, countyLaptop, deviceIdOf, enrolledLaptop, importBundleFile, startHub, stateHash } from './sync-helpers';


/** A hub, laptop A with the county synced to it, and laptop B enrolled as another user and synced. */
async function twoLaptops(kind: 'sqlite' | 'pg', user: string, role: string) {
  const hub = await startHub(kind);
  const a = await countyLaptop(hub);
  await syncNow(a.ctx);
  const b = await enrolledLaptop(hub, user, { role });
  await syncNow(b.ctx);
  return { hub, a, b };
}

const firstEnterprise = (wb: ReturnType<typeof openWorkbench>) =>
  wb.store.db.prepare('SELECT id, town_code AS town, contact_phone AS phone FROM enterprises WHERE deleted_at IS NULL ORDER BY id LIMIT 1').get() as { id: string; town: string; phone: string };

describe.each(['sqlite', 'pg'] as const)('two laptops and a hub on %s', (kind) => {
  it('a first sync brings the county; concurrent edits merge per field and the same conflict shows on both until resolved', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub);
    const first = await syncNow(a.ctx);
    expect(first.pushed).toBeGreaterThan(800);
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    const snap = await syncNow(b.ctx);
    expect(snap.snapshotRecords).toBeGreaterThan(600);
    expect(stateHash(b)).toBe(stateHash(a));

    const e = firstEnterprise(a);
    await a.call('enterprises.update', { id: e.id, patch: { contactPhone: '13800000001' } });
    await b.call('enterprises.update', { id: e.id, patch: { contactPhone: '13900000002', address: '清水县工业园 8 号' } });
    await syncNow(a.ctx);
    const rb = await syncNow(b.ctx);
    expect(rb.conflictsNoticed).toBe(1);
    await syncNow(a.ctx);
    expect(stateHash(a)).toBe(stateHash(b));
    expect(conflictKeys(a)).toEqual(conflictKeys(b));
    const [conflict] = await b.call('sync.conflicts', {});
    expect(conflict).toMatchObject({ entity: 'enterprise', entityId: e.id, field: 'contactPhone', fieldLabel: '联系电话' });
    expect(conflict.values.map((v) => v.value).sort()).toEqual(['13800000001', '13900000002']);
    const row = a.store.db.prepare('SELECT contact_phone, address FROM enterprises WHERE id = ?').get(e.id) as { contact_phone: string; address: string };
    expect(row.address).toBe('清水县工业园 8 号');
    expect(row.contact_phone).toBe(conflict.values[0].value);

    const keep = conflict.values.find((v) => v.value === '13800000001')!;
    await b.call('sync.resolve', { entity: 'enterprise', entityId: e.id, field: 'contactPhone', hlc: keep.hlc });
    await syncNow(b.ctx);
    await syncNow(a.ctx);
    expect(conflictKeys(a)).toEqual([]);
    expect(conflictKeys(b)).toEqual([]);
    expect(stateHash(a)).toBe(stateHash(b));
    expect((a.store.db.prepare('SELECT contact_phone FROM enterprises WHERE id = ?').pluck().get(e.id))).toBe('13800000001');
  });

  it('a delete against an edit is a conflict on both sides, the same on both', async () => {
    const { a, b } = await twoLaptops(kind, 'li', 'bureau');
    const outfall = a.store.db.prepare('SELECT id FROM outfalls ORDER BY id LIMIT 1').pluck().get() as string;
    await a.call('outfalls.remove', { id: outfall });
    await b.call('outfalls.update', { id: outfall, patch: { note: '现场复核：仍在排放' } });
    await syncNow(a.ctx); await syncNow(b.ctx); await syncNow(a.ctx);
    expect(conflictKeys(a)).toEqual(conflictKeys(b));
    expect(conflictKeys(a).some((k) => k.startsWith(`outfall/${outfall}/deletedAt`))).toBe(true);
    expect(stateHash(a)).toBe(stateHash(b));
  });

  it('the same outfall code registered on two laptops offline: both records kept everywhere, listed as a duplicate until one is removed', async () => {
    const { a, b } = await twoLaptops(kind, 'zhao', 'inspector');
    const { outfall: onA } = await a.call('outfalls.create', await outfallDraft(a, { name: '城关排口（甲登记）', code: 'QS-DUP-0001' }));
    await b.call('outfalls.create', await outfallDraft(b, { name: '城关排口（乙登记）', code: 'QS-DUP-0001' }));
    // Typed here, a code in use is still refused.
    expect(await a.dispatch('outfalls.create', await outfallDraft(a, { code: 'QS-DUP-0001' }))).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await syncNow(a.ctx); await syncNow(b.ctx); await syncNow(a.ctx);
    expect(stateHash(a)).toBe(stateHash(b));
    for (const wb of [a, b]) {
      expect(await wb.call('sync.rejected', {})).toEqual([]);
      const [dup, ...more] = await wb.call('sync.duplicates', {});
      expect(more).toEqual([]);
      expect(dup).toMatchObject({ entity: 'outfall', entityName: '排污口', keyLabel: '排污口编码', key: 'QS-DUP-0001' });
      expect(dup.records.map((r) => r.name).sort()).toEqual(['城关排口（乙登记）', '城关排口（甲登记）']);
      expect((await wb.call('sync.status', {})).duplicates).toBe(1);
    }
    // Each can still be edited (a code it already holds is not refused); another outfall still cannot take it.
    const onB = (await b.call('sync.duplicates', {}))[0].records.find((r) => r.id !== onA.id)!;
    await b.call('outfalls.update', { id: onB.id, patch: { note: '与甲登记的为同一排口' } });
    const other = (await b.call('outfalls.list', { limit: 500 })).rows.find((r) => r.code && r.code !== 'QS-DUP-0001')!;
    expect(await b.dispatch('outfalls.update', { id: other.id, patch: { code: 'QS-DUP-0001' } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await b.call('outfalls.remove', { id: onA.id });
    await syncNow(b.ctx); await syncNow(a.ctx);
    expect(await a.call('sync.duplicates', {})).toEqual([]);
    expect(await b.call('sync.duplicates', {})).toEqual([]);
    expect(stateHash(a)).toBe(stateHash(b));
  });

  it('two laptops numbering complaints offline: provisional numbers, then the county’s — distinct, nothing to renumber; renumbering asks the hub again', async () => {
    const { a, b } = await twoLaptops(kind, 'qian', 'bureau');
    const draft = { channel: '12369电话' as const, receivedAt: '2026-11-20T09:00', content: '河道夜间发黑发臭', categories: ['水' as const] };
    const onA = await a.call('complaints.create', { ...draft, targetName: '城关排口' });
    const onB = await b.call('complaints.create', { ...draft, targetName: '工业园排口' });
    expect(onB.complaint.number).not.toBe(onA.complaint.number);
    for (const c of [onA, onB]) expect(c.complaint.number).toMatch(/^临时-2026-/);
    await syncNow(a.ctx); await syncNow(b.ctx); await syncNow(a.ctx);
    const number = async (id: string) => (await a.call('complaints.get', { id })).complaint.number;
    const [na, nb] = [await number(onA.complaint.id), await number(onB.complaint.id)];
    expect(na).toMatch(/^2026-\d{4}$/);
    expect(nb).toMatch(/^2026-\d{4}$/);
    expect(na).not.toBe(nb);
    expect(await a.call('sync.duplicates', {})).toEqual([]);
    const renumbered = await b.call('complaints.renumber', { id: onB.complaint.id });
    expect(renumbered.complaint.number).toMatch(/^临时-2026-/);
    await syncNow(b.ctx); await syncNow(a.ctx);
    const again = await number(onB.complaint.id);
    expect(again).toMatch(/^2026-\d{4}$/);
    expect([na, nb]).not.toContain(again);
    expect(stateHash(a)).toBe(stateHash(b));
  });

  it('a laptop whose clock is a year ahead is named to the admin: the hub lists how many of its changes were ahead', async () => {
    const { hub, a, b } = await twoLaptops(kind, 'wu', 'inspector');
    const e = firstEnterprise(a);
    const real = Date.now;
    Date.now = () => real() + 365 * 24 * 3600_000;
    try { await b.call('enterprises.update', { id: e.id, patch: { note: '这台电脑的时间快了一年' } }); } finally { Date.now = real; }
    await syncNow(b.ctx);
    const devices = await listDevices(hub.db);
    expect(devices.find((d) => d.user === 'wu')!.clockAhead).toBe(1);
    expect(devices.find((d) => d.user === 'admin')!.clockAhead).toBe(0);
    expect((await syncNow(a.ctx)).drifted).toBe(1);
  });

  it('a finalized inspection can arrive before its photos: media pending until they do; a killed upload resumes', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub, 60);
    const photos = a.store.db.prepare('SELECT count(*) FROM blobs').pluck().get() as number;
    expect(photos).toBeGreaterThan(0);
    let chunks = 0;
    await expect(syncNow(a.ctx, { faults: { at: (p) => { if (p === 'mid-chunk' && ++chunks === 3) throw new Error('断电'); } } })).rejects.toThrow('断电');
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    const first = await syncNow(b.ctx);
    expect(first.mediaPending).toBeGreaterThan(0);
    expect((await b.call('sync.status', {})).mediaPending).toBe(first.mediaPending);
    expect(verifyWorkspace(b.store.db, b.store.blobDir).problems).toEqual([]);
    const again = await syncNow(a.ctx);
    expect(again.blobsUp).toBe(photos - 2);
    const second = await syncNow(b.ctx);
    expect(second.blobsDown).toBe(first.mediaPending);
    expect(second.mediaPending).toBe(0);
    for (const { sha256 } of b.store.db.prepare('SELECT sha256 FROM blobs').all() as { sha256: string }[]) {
      expect(createHash('sha256').update(readFileSync(blobPath(b.store.blobDir, sha256))).digest('hex')).toBe(sha256);
    }
    expect(verifyWorkspace(b.store.db, b.store.blobDir).problems).toEqual([]);
  });

  it('the hub keeps each user to their role and area: quarantined, not applied, not dropped; pulls only what a town may see', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub);
    await syncNow(a.ctx);
    const towns = a.store.db.prepare("SELECT code FROM regions WHERE level = 'town' ORDER BY code").pluck().all() as string[];
    const t = await enrolledLaptop(hub, 'zhou', { role: 'town', towns: [towns[0]] });
    const r = await syncNow(t.ctx);
    const seen = t.store.db.prepare('SELECT DISTINCT town_code FROM enterprises').pluck().all();
    expect(seen).toEqual([towns[0]]);
    expect(r.snapshotRecords).toBeLessThan(first(a));
    const mine = t.store.db.prepare('SELECT id FROM enterprises LIMIT 1').pluck().get() as string;
    await t.call('enterprises.update', { id: mine, patch: { note: '镇街核实：正常生产' } });
    const outside = await t.call('enterprises.create', await enterpriseDraft(t, { townCode: towns[1], name: '清水县越界登记有限公司' }));
    const pushed = await syncNow(t.ctx);
    expect(pushed.quarantined).toBe(1);
    expect(pushed.pushed).toBe(1);
    const q = await quarantineList(hub.db);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ entityId: outside.enterprise.id, user: 'zhou', entityName: '排污单位', recordName: '清水县越界登记有限公司' });
    expect(q[0].reason).toContain('不在该账号负责的镇街');
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT count(*) FROM enterprises WHERE id = ?').pluck().get(outside.enterprise.id)).toBe(0);
    expect(a.store.db.prepare('SELECT note FROM enterprises WHERE id = ?').pluck().get(mine)).toBe('镇街核实：正常生产');
    const rejected = await t.call('sync.rejected', {});
    expect(rejected[0].reason).toContain('同步中心隔离');

    // An admin may release it: the officer's later edit of that record brings the earlier one along, in order.
    await t.call('enterprises.update', { id: outside.enterprise.id, patch: { note: '镇街代登记，已告知所在镇' } });
    expect((await syncNow(t.ctx)).quarantined).toBe(1);
    const held = await quarantineList(hub.db);
    expect(held).toHaveLength(2);
    expect(await t.dispatch('sync.releaseQuarantined', { cid: held[0].cid })).toMatchObject({ ok: false, error: { message: expect.stringContaining('只有管理员能放行') } });
    expect(await a.dispatch('sync.releaseQuarantined', { cid: 'abc:999' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('隔离区中没有变更 abc:999') } });
    const later = held.map((x) => x.cid).sort((x, y) => Number(y.split(':')[1]) - Number(x.split(':')[1]))[0];
    const { released } = await a.call('sync.releaseQuarantined', { cid: later });
    expect(released).toHaveLength(2);
    expect(released[1]).toBe(later);
    expect(await quarantineList(hub.db)).toEqual([]);
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT name, note FROM enterprises WHERE id = ?').get(outside.enterprise.id)).toEqual({ name: '清水县越界登记有限公司', note: '镇街代登记，已告知所在镇' });
    // The officer learns of it by a sync (its own changes come back settled)…
    await syncNow(t.ctx);
    expect(await t.call('sync.rejected', {})).toEqual([]);
    // …or by a return bundle (which lists what the hub still holds aside).
    const second = await t.call('enterprises.create', await enterpriseDraft(t, { townCode: towns[1], name: '清水县再次越界有限公司' }));
    await syncNow(t.ctx);
    expect(await t.call('sync.rejected', {})).toHaveLength(1);
    await a.call('sync.releaseQuarantined', { cid: (await quarantineList(hub.db))[0].cid });
    const back = join(tempDir(), 'back.qsync');
    await exportHubBundle(hub.db, hub.dir, await deviceIdOf(hub, 'zhou'), back);
    await importBundleFile(t, back);
    expect(await t.call('sync.rejected', {})).toEqual([]);
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT count(*) FROM enterprises WHERE id = ?').pluck().get(second.enterprise.id)).toBe(1);
    expect(readFileSync(join(hub.dir, 'hub.log'), 'utf8')).toContain('quarantine released');
  });

  it('a record moved into a town officer’s towns arrives whole (the change alone is not the record) and can be worked on there; one moved out is seen leaving', async () => {
    const { a, towns, t } = await countyAndOfficer(kind, 'sun');
    const moved = a.store.db.prepare('SELECT id, name FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(towns[1]) as { id: string; name: string };
    expect(t.store.db.prepare('SELECT count(*) FROM enterprises WHERE id = ?').pluck().get(moved.id)).toBe(0);
    await a.call('enterprises.update', { id: moved.id, patch: { townCode: towns[0], villageCode: null, address: '划入第一镇后的地址' } });
    await syncNow(a.ctx);
    const r = await syncNow(t.ctx);
    expect(r.fetched).toBe(1);
    expect(await t.call('sync.rejected', {})).toEqual([]);
    expect(t.store.db.prepare('SELECT name, town_code AS town, address FROM enterprises WHERE id = ?').get(moved.id)).toEqual({ name: moved.name, town: towns[0], address: '划入第一镇后的地址' });
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);
    await t.call('enterprises.update', { id: moved.id, patch: { note: '镇街已核实' } });
    expect((await syncNow(t.ctx)).quarantined).toBe(0);
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT note FROM enterprises WHERE id = ?').pluck().get(moved.id)).toBe('镇街已核实');

    // Moved out of the officer's towns: their copy shows it left (and what happens to it afterwards is no longer theirs).
    const away = t.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? AND id <> ? AND deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get(towns[0], moved.id) as string;
    await a.call('enterprises.update', { id: away, patch: { townCode: towns[2], villageCode: null } });
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    expect(t.store.db.prepare('SELECT town_code FROM enterprises WHERE id = ?').pluck().get(away)).toBe(towns[2]);
    await a.call('enterprises.update', { id: away, patch: { note: '第三镇接管' } });
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    expect(t.store.db.prepare('SELECT note FROM enterprises WHERE id = ?').pluck().get(away)).not.toBe('第三镇接管');
  });

  it('with no network, a record moved into a town officer’s towns comes whole in the return bundle; one still lacking is asked for in the officer’s bundle', async () => {
    const { hub, a, towns, t } = await countyAndOfficer(kind, 'zhao');
    const device = await deviceIdOf(hub, 'zhao');
    const moveIn = async (town: string) => {
      const e = a.store.db.prepare('SELECT id, name FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').get(town) as { id: string; name: string };
      await a.call('enterprises.update', { id: e.id, patch: { townCode: towns[0], villageCode: null, address: `自${town}划入` } });
      await syncNow(a.ctx);
      return e;
    };
    const row = (id: string) => t.store.db.prepare('SELECT name, town_code AS town, address FROM enterprises WHERE id = ?').get(id);

    const first = await moveIn(towns[1]);
    const back = join(tempDir(), 'back.qsync');
    expect((await exportHubBundle(hub.db, hub.dir, device, back)).records).toBe(1);
    expect((await importBundleFile(t, back)).summary).toContain('补全记录 1 条');
    expect(row(first.id)).toEqual({ name: first.name, town: towns[0], address: `自${towns[1]}划入` });
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);
    expect(await t.call('sync.rejected', {})).toEqual([]);

    // A sync killed after its pull, before it asked for the whole record; the office then has no network.
    const second = await moveIn(towns[2]);
    const kill = { at: (point: string) => { if (point === 'mid-pull') throw new Error('断网'); } };
    await expect(syncNow(t.ctx, { faults: kill })).rejects.toThrow('断网');
    expect(row(second.id)).toBeUndefined();
    expect(t.store.db.prepare('SELECT entity_id FROM sync_missing').pluck().all()).toEqual([second.id]);
    const out = join(tempDir(), 'out.qsync');
    await t.call('enterprises.update', { id: first.id, patch: { note: '镇街已核实' } });
    exportDeviceBundle(t.store, out);
    await importHubBundle(hub.db, hub.dir, out);
    const again = join(tempDir(), 'again.qsync');
    expect((await exportHubBundle(hub.db, hub.dir, device, again)).records).toBe(1);
    await importBundleFile(t, again);
    expect(row(second.id)).toEqual({ name: second.name, town: towns[0], address: `自${towns[2]}划入` });
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT note FROM enterprises WHERE id = ?').pluck().get(first.id)).toBe('镇街已核实');
  });

  it('a town officer downloads the photos of their towns’ records, not another town’s even knowing its hash; an older hub learns which record names which file', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub, 20);
    await syncNow(a.ctx);
    const photos = a.store.db.prepare('SELECT i.town_code AS town, p.sha256 FROM inspection_photos p JOIN inspections i ON i.id = p.inspection_id ORDER BY p.id').all() as { town: string; sha256: string }[];
    const mine = photos[0].town;
    const other = photos.find((p) => p.town !== mine)!.sha256;
    const t = await enrolledLaptop(hub, 'qian', { role: 'town', towns: [mine] });
    const r = await syncNow(t.ctx);
    expect(r.mediaPending).toBe(0);
    expect(r.blobsDown).toBeGreaterThan(0);
    expect(t.store.db.prepare('SELECT count(*) FROM blobs WHERE sha256 = ?').pluck().get(other)).toBe(0);
    const officer = await hubSession(t.store);
    const chunk = (hash: string) => officer.request<Uint8Array>('GET', `/v1/blobs/${hash}/chunks/0`);
    expect((await chunk(photos[0].sha256)).length).toBeGreaterThan(0);
    await expect(chunk(other)).rejects.toThrow(/不属于本账号负责镇街内的记录/);
    expect((await (await hubSession(a.store)).request<Uint8Array>('GET', `/v1/blobs/${other}/chunks/0`)).length).toBeGreaterThan(0);
    // A hub from before blob_refs fills it from its log once.
    const refs = await hub.db.one<{ n: number }>('SELECT count(*) AS n FROM blob_refs');
    expect(Number(refs!.n)).toBeGreaterThanOrEqual(photos.length * 2);
    await hub.db.run('DELETE FROM blob_refs');
    await hub.db.run("DELETE FROM hub_meta WHERE key = 'blob_refs'");
    await expect(chunk(photos[0].sha256)).rejects.toThrow(/不属于本账号/);
    await fillBlobRefs(hub.db);
    expect(await hub.db.one<{ n: number }>('SELECT count(*) AS n FROM blob_refs')).toEqual(refs);
    expect((await chunk(photos[0].sha256)).length).toBeGreaterThan(0);
  });

  it('a revoked device and a restored database are refused with a reason; re-enrolment brings back what the hub holds', async () => {
    const { hub, a, b } = await twoLaptops(kind, 'wang', 'inspector');
    await setDeviceState(hub.db, await deviceIdOf(hub, 'wang'), 'revoked');
    await expect(syncNow(b.ctx)).rejects.toThrow(/已被管理员注销/);

    const e = firstEnterprise(a);
    const backup = `${a.store.file}.bak`;
    await a.store.db.backup(backup);
    await a.call('enterprises.update', { id: e.id, patch: { contactPhone: '0797-1111111' } });
    await syncNow(a.ctx);
    const dir = a.dataDir;
    a.close();
    const { copyFileSync, rmSync } = await import('node:fs');
    rmSync(`${a.store.file}-wal`, { force: true }); rmSync(`${a.store.file}-shm`, { force: true });
    copyFileSync(backup, a.store.file);
    const restored = openWorkbench(dir, 'system');
    await restored.call('enterprises.update', { id: e.id, patch: { note: '恢复后的修改' } });
    await expect(syncNow(restored.ctx)).rejects.toThrow(/备份恢复/);
    await enrolledLaptop(hub, 'admin', { wb: restored });
    await syncNow(restored.ctx);
    const row = restored.store.db.prepare('SELECT contact_phone, note FROM enterprises WHERE id = ?').get(e.id) as { contact_phone: string; note: string };
    expect(row).toEqual({ contact_phone: '0797-1111111', note: '恢复后的修改' });
  });
});

function first(wb: ReturnType<typeof openWorkbench>): number {
  return wb.store.db.prepare('SELECT count(*) FROM enterprises').pluck().get() as number;
}

describe('two corrections of one signed record', () => {
  it('made offline on two laptops: both versions kept everywhere, the original superseded once, every record still verifies', async () => {
    const hub = await startHub('sqlite');
    const a = await countyLaptop(hub);
    const { id, officers } = await startIndustrial(a);
    await completeIndustrial(a, id, officers.map((o) => o.id));
    await a.call('inspections.finalize', { id });
    await syncNow(a.ctx);
    const b = await enrolledLaptop(hub, 'li', { role: 'bureau' });
    await syncNow(b.ctx);
    const fixes: string[] = [];
    for (const [wb, reason] of [[a, '在场人电话记错'], [b, '检查结束时间记错']] as const) {
      const { id: fix } = await wb.call('inspections.correct', { id, reason });
      await completeIndustrial(wb, fix, officers.map((o) => o.id));
      await wb.call('inspections.finalize', { id: fix });
      fixes.push(fix);
    }
    await syncNow(a.ctx); await syncNow(b.ctx); await syncNow(a.ctx);
    for (const wb of [a, b]) {
      const rows = wb.store.db.prepare('SELECT id, state, supersedes FROM inspections WHERE id IN (?, ?, ?) ORDER BY id').all(id, ...fixes) as { id: string; state: string; supersedes: string | null }[];
      expect(rows.find((r) => r.id === id)!.state).toBe('superseded');
      expect(rows.filter((r) => r.supersedes === id).map((r) => r.state)).toEqual(['finalized', 'finalized']);
      expect(verifyWorkspace(wb.store.db, wb.store.blobDir).problems).toEqual([]);
      expect(wb.store.db.prepare('SELECT count(*) FROM sync_rejects').pluck().get()).toBe(0);
    }
    expect(stateHash(a)).toBe(stateHash(b));
    expect(conflictKeys(a)).toEqual(conflictKeys(b));
  });
});
