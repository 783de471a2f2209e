import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { FINDING } from '../../electron/store/entities';
import { exportHubBundle } from '../../hub/services/bundles';
import { fillParents } from '../../hub/services/record-family';
import { loopWorkbench, openWorkbench, tempDir } from './helpers';
import { conflictKeys as conflictKeysOf, countyAndOfficer, countyLaptop, deviceIdOf, enrolledLaptop, importBundleFile, startHub, townsOf } from './sync-helpers';

type Laptop = ReturnType<typeof openWorkbench>;
const enterprise = (wb: Laptop, id: string) => wb.store.db.prepare('SELECT name, town_code, address, contact_phone, note, deleted_at FROM enterprises WHERE id = ?').get(id);

describe.each(['sqlite', 'pg'] as const)('records entering a town officer’s towns (%s)', (kind) => {
  it('one that left and came back brings what changed while it was away — by sync and by bundle — and no conflict', async () => {
    const { hub, a, towns, t } = await countyAndOfficer(kind, 'sun');
    const [byNet, byUsb] = t.store.db.prepare('SELECT id FROM enterprises WHERE deleted_at IS NULL ORDER BY id LIMIT 2').pluck().all() as string[];

    for (const id of [byNet, byUsb]) await a.call('enterprises.update', { id, patch: { townCode: towns[1], villageCode: null } });
    await syncNow(a.ctx);
    await syncNow(t.ctx); // seen leaving
    for (const id of [byNet, byUsb]) await a.call('enterprises.update', { id, patch: { contactPhone: '0797-7000001', note: '迁出期间核实' } });
    await syncNow(a.ctx);
    await syncNow(t.ctx); // not theirs meanwhile
    expect((enterprise(t, byNet) as { note: string }).note).not.toBe('迁出期间核实');
    for (const id of [byNet, byUsb]) await a.call('enterprises.update', { id, patch: { townCode: towns[0], villageCode: null, address: '划回后的地址' } });
    await syncNow(a.ctx);

    const r = await syncNow(t.ctx);
    expect(r.fetched).toBeGreaterThanOrEqual(2);
    for (const id of [byNet, byUsb]) expect(enterprise(t, id)).toEqual(enterprise(a, id));
    expect(await t.call('sync.conflicts', {})).toEqual([]);
    expect(await t.call('sync.rejected', {})).toEqual([]);
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);

    // The same again with no network: the return bundle carries the missed history.
    await a.call('enterprises.update', { id: byUsb, patch: { townCode: towns[1], villageCode: null } });
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    await a.call('enterprises.update', { id: byUsb, patch: { legalRepresentative: '迁出期间变更的法人' } });
    await a.call('enterprises.update', { id: byUsb, patch: { townCode: towns[0], villageCode: null } });
    await syncNow(a.ctx);
    const back = join(tempDir(), 'back.qsync');
    await exportHubBundle(hub.db, hub.dir, await deviceIdOf(hub, 'sun'), back);
    expect((await importBundleFile(t, back)).summary).toContain('补全记录 1 条');
    expect(t.store.db.prepare('SELECT legal_representative FROM enterprises WHERE id = ?').pluck().get(byUsb)).toBe('迁出期间变更的法人');
    expect(enterprise(t, byUsb)).toEqual(enterprise(a, byUsb));
    expect(await t.call('sync.conflicts', {})).toEqual([]);
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);
  });

  it('two laptops moving one record at once: it stays in the town of the newer move, for its officer too', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub);
    await syncNow(a.ctx);
    const towns = townsOf(a);
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    await syncNow(b.ctx);
    const t = await enrolledLaptop(hub, 'qian', { role: 'town', towns: [towns[0]] });
    await syncNow(t.ctx);
    const id = a.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get(towns[1]) as string;
    await a.call('enterprises.update', { id, patch: { townCode: towns[2], villageCode: null } });
    await b.call('enterprises.update', { id, patch: { townCode: towns[0], villageCode: null } }); // the newer move
    await syncNow(b.ctx);
    await syncNow(a.ctx); // the older move arrives last
    await syncNow(b.ctx);
    await syncNow(t.ctx);
    expect(a.store.db.prepare('SELECT town_code FROM enterprises WHERE id = ?').pluck().get(id)).toBe(towns[0]);
    expect(enterprise(t, id)).toEqual(enterprise(a, id));
    const moved = (wb: Laptop) => conflictKeysOf(wb).filter((k) => k.includes(id));
    expect(moved(t)).toEqual(moved(a));
    expect(moved(t)).toHaveLength(1);
  });

  it('a finding moved into a town officer’s towns comes with its whole event log, and its later events follow it there', async () => {
    const hub = await startHub(kind);
    const a = await loopWorkbench(30);
    await enrolledLaptop(hub, 'admin', { wb: a });
    await syncNow(a.ctx);
    // As a hub from before records had parents kept them: children without parents, directory entries without towns.
    const count = async (sql: string) => Number((await hub.db.one<{ n: number }>(sql))!.n);
    const kinds = "('directory_entry', 'inspector_conflict')";
    expect(await count(`SELECT count(*) AS n FROM records WHERE entity IN ${kinds} AND town IS NULL`)).toBe(0);
    await hub.db.run(`UPDATE records SET parent = NULL, town = NULL WHERE entity IN ('directory_entry', 'inspector_conflict')`);
    await hub.db.run(`UPDATE records SET parent = NULL WHERE entity = 'record_event'`);
    await hub.db.run(`UPDATE changes SET town = NULL WHERE entity IN ('directory_entry', 'inspector_conflict')`);
    await hub.db.run("DELETE FROM hub_meta WHERE key = 'records_parent'");
    await fillParents(hub.db);
    expect(await count(`SELECT count(*) AS n FROM records WHERE entity IN ${kinds} AND (town IS NULL OR parent IS NULL)`)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM records WHERE entity = 'record_event' AND parent IS NULL")).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM changes WHERE entity IN ${kinds} AND town IS NULL`)).toBe(0);
    const towns = townsOf(a);
    const t = await enrolledLaptop(hub, 'zhou', { role: 'town', towns: [towns[0]] });
    await syncNow(t.ctx);
    // The 双随机 directory's entries about other towns' enterprises are not theirs (their laptop would refuse them).
    expect(await t.call('sync.rejected', {})).toEqual([]);
    const f = a.store.db.prepare(`SELECT f.id, count(e.id) AS events FROM findings f JOIN record_events e ON e.stream = 'finding' AND e.stream_id = f.id
      WHERE f.town_code <> ? AND f.state IN ('open', 'rectifying') GROUP BY f.id HAVING count(e.id) >= 2 ORDER BY f.id LIMIT 1`).get(towns[0]) as { id: string; events: number };
    expect(t.store.db.prepare('SELECT count(*) FROM findings WHERE id = ?').pluck().get(f.id)).toBe(0);

    // The town it belongs to was recorded wrongly: corrected at the county.
    a.store.write(FINDING, f.id, { townCode: towns[0] }, 'system');
    await syncNow(a.ctx);
    const r = await syncNow(t.ctx);
    expect(r.fetched).toBe(1);
    const events = (wb: Laptop) => wb.store.db.prepare("SELECT id, kind, at FROM record_events WHERE stream = 'finding' AND stream_id = ? ORDER BY id").all(f.id);
    expect(events(t)).toHaveLength(f.events);
    expect(events(t)).toEqual(events(a));
    const state = (wb: Laptop) => wb.store.db.prepare('SELECT state, town_code, deadline, responsible_person FROM findings WHERE id = ?').get(f.id);
    expect(state(t)).toEqual(state(a));

    await a.call('findings.act', { id: f.id, kind: 'progress', at: '2026-11-28', text: '属地更正后继续整改' });
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    expect(events(t)).toEqual(events(a));
    expect(await t.call('sync.conflicts', {})).toEqual([]);
    expect(await t.call('sync.rejected', {})).toEqual([]);
  });
});
