import { describe, expect, it } from 'vitest';
import type { Session } from '../../electron/services/context';
import { syncNow } from '../../electron/services/sync';
import { PLAN_CATEGORIES } from '../../shared/plan/draw';
import { fillRecordRefs } from '../../hub/services/record-family';
import { exportHubBundle, importHubBundle } from '../../hub/services/bundles';
import { exportDeviceBundle, importDeviceBundle } from '../../electron/services/sync/bundle';
import { readSyncState } from '../../electron/store/sync-state';
import { join } from 'node:path';
import { tempDir } from './helpers';
import { PASSWORD, countyAndOfficer, enrolledLaptop } from './sync-helpers';

type Laptop = Awaited<ReturnType<typeof countyAndOfficer>>['t'];
const one = (wb: Laptop, sql: string, ...args: unknown[]) => wb.store.db.prepare(sql).get(...args) as Record<string, unknown> | undefined;
const ids = (wb: Laptop, sql: string, ...args: unknown[]) => wb.store.db.prepare(sql).pluck().all(...args) as string[];

/** The town officer signed in on their laptop with their hub account (reads through their towns' views, writes held to their towns). */
async function asOfficer(wb: Laptop) {
  const session: Session = { personId: null };
  expect(await wb.dispatch('auth.signIn', { user: 'sun', password: PASSWORD }, session)).toMatchObject({ ok: true });
  expect(session.user).toMatchObject({ role: 'town' });
  return (name: string, input: unknown) => wb.dispatch(name, input, session);
}

/*
 * Issue 21: "Records a town officer needs to read but may not hold as theirs (an outfall in their town
 * whose enterprise is in another) arrive as read-only references instead of being refused on their laptop."
 */
describe.each(['sqlite', 'pg'] as const)('another town’s records a town officer’s records name (%s)', (kind) => {
  it('arrive as read-only references — by pull, by snapshot — follow their changes, and stay unwritable', async () => {
    const { hub, a, towns, t } = await countyAndOfficer(kind, 'sun');
    const [outfall, later] = ids(a, 'SELECT id FROM outfalls WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 2', towns[0]);
    const [elsewhere, other] = ids(a, 'SELECT id FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 2', towns[1]);
    // It is in the county's 双随机 directory: an entry that is its town's, not the officer's.
    await a.call('plans.setCategory', { targetIds: [elsewhere], category: PLAN_CATEGORIES[0] });
    expect(one(t, 'SELECT id FROM enterprises WHERE id = ?', elsewhere)).toBeUndefined();

    // Their outfall is found to belong to an enterprise across the town line (the enterprise is older than their laptop's cursor).
    await a.call('outfalls.update', { id: outfall, patch: { enterpriseId: elsewhere } });
    await syncNow(a.ctx);
    const r = await syncNow(t.ctx);
    expect(r.fetched).toBeGreaterThanOrEqual(1);
    expect(await t.call('sync.rejected', {})).toEqual([]);
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);
    expect(one(t, 'SELECT enterprise_id FROM outfalls WHERE id = ?', outfall)).toEqual({ enterprise_id: elsewhere });
    const row = (wb: Laptop, id: string) => one(wb, 'SELECT name, town_code, uscc, address FROM enterprises WHERE id = ?', id);
    expect(row(t, elsewhere)).toEqual(row(a, elsewhere));
    // Only the record itself: what hangs off it in its own town (its 双随机 directory entry) is not theirs.
    expect(ids(a, 'SELECT target_id FROM directory_entries WHERE target_id = ?', elsewhere)).toHaveLength(1);
    expect(ids(t, 'SELECT target_id FROM directory_entries WHERE target_id = ?', elsewhere)).toHaveLength(0);
    // Nor does another enterprise of that town come with it.
    expect(one(t, 'SELECT id FROM enterprises WHERE id = ?', other)).toBeUndefined();

    // Signed in, the officer reads it beside their outfall, marked read-only, and cannot change it.
    const officer = await asOfficer(t);
    const got = await officer('enterprises.get', { id: elsewhere });
    expect(got).toMatchObject({ ok: true, value: { id: elsewhere, reference: expect.stringContaining('只读') } });
    expect(await officer('outfalls.get', { id: outfall })).toMatchObject({ ok: true, value: { enterpriseId: elsewhere, reference: null } });
    const listed = await officer('outfalls.list', { enterpriseId: elsewhere, limit: 50 }) as { ok: true; value: { rows: { id: string }[] } };
    expect(listed.value.rows.map((o) => o.id)).toEqual([outfall]);
    // Their 名录 ledger is of their towns: the reference is not listed there.
    const name = one(a, 'SELECT name FROM enterprises WHERE id = ?', elsewhere)!.name as string;
    const preview = await officer('ledgers.preview', { ledgerId: 'enterprises', filters: {}, limit: 200 }) as { ok: true; value: { rows: string[][]; total: number } };
    expect(preview.ok).toBe(true);
    expect(preview.value.total).toBe(t.store.db.prepare('SELECT count(*) FROM enterprises WHERE town_code = ? AND deleted_at IS NULL').pluck().get(towns[0]));
    expect(preview.value.rows.flat()).not.toContain(name);
    const otherTown = await officer('ledgers.preview', { ledgerId: 'enterprises', filters: { townCodes: [towns[1]] }, limit: 200 }) as { ok: true; value: { total: number } };
    expect(otherTown.value.total).toBe(0);
    const edit = await officer('enterprises.update', { id: elsewhere, patch: { note: '镇街改动他镇单位' } });
    expect(edit).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`记录属于镇街 ${towns[1]}`) } });
    expect(one(t, 'SELECT note FROM enterprises WHERE id = ?', elsewhere)).toEqual(one(a, 'SELECT note FROM enterprises WHERE id = ?', elsewhere));

    // Its later changes follow it there.
    await a.call('enterprises.update', { id: elsewhere, patch: { address: '核实后的新地址 8 号', legalRepresentative: '变更后的法人' } });
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    expect(row(t, elsewhere)).toEqual(row(a, elsewhere));
    expect(await t.call('sync.rejected', {})).toEqual([]);
    expect(await t.call('sync.conflicts', {})).toEqual([]);

    // A second outfall, named the other enterprise in the same push as that enterprise's own edit.
    await a.call('enterprises.update', { id: other, patch: { contactName: '新联系人' } });
    await a.call('outfalls.update', { id: later, patch: { enterpriseId: other } });
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    expect(row(t, other)).toEqual(row(a, other));
    expect(one(t, 'SELECT contact_name FROM enterprises WHERE id = ?', other)).toEqual({ contact_name: '新联系人' });
    expect(one(t, 'SELECT enterprise_id FROM outfalls WHERE id = ?', later)).toEqual({ enterprise_id: other });
    expect(await t.call('sync.rejected', {})).toEqual([]);

    // A hub from before it noted what records name learns it once when it starts.
    const refs = () => hub.db.all<{ from_id: string; to_id: string }>("SELECT from_id, to_id FROM record_refs WHERE from_entity = 'outfall' ORDER BY from_id");
    const noted = await refs();
    expect(noted).toEqual(expect.arrayContaining([{ from_id: outfall, to_id: elsewhere }, { from_id: later, to_id: other }]));
    await hub.db.run('DELETE FROM record_refs');
    await hub.db.run("DELETE FROM hub_meta WHERE key = 'record_refs'");
    await fillRecordRefs(hub.db);
    expect(await refs()).toEqual(noted);

    // A complaint of their town about another town's outfall, which belongs to an enterprise of a third town: both come.
    const [far] = ids(a, 'SELECT id FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1', towns[2]);
    const [drain] = ids(a, 'SELECT id FROM outfalls WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1', towns[1]);
    await a.call('outfalls.update', { id: drain, patch: { enterpriseId: far } });
    const letter = await a.call('complaints.create', { channel: '来信', receivedAt: '2026-11-20T09:00', content: '下游排口夜间排黑水', categories: ['水'], townCode: towns[0], targetKind: 'outfall', targetId: drain, targetName: '他镇排口' } as never);
    await syncNow(a.ctx);
    await syncNow(t.ctx);
    expect(one(t, 'SELECT id FROM complaints WHERE id = ?', letter.complaint.id)).toBeDefined();
    expect(one(t, 'SELECT enterprise_id FROM outfalls WHERE id = ?', drain)).toEqual({ enterprise_id: far });
    expect(row(t, far)).toEqual(row(a, far));
    expect(await t.call('sync.rejected', {})).toEqual([]);
    expect(t.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);

    // A laptop enrolled now has them in its first snapshot.
    const fresh = await enrolledLaptop(hub, 'sun');
    await syncNow(fresh.ctx);
    expect(await fresh.call('sync.rejected', {})).toEqual([]);
    for (const id of [elsewhere, other]) expect(row(fresh, id)).toEqual(row(a, id));
    expect(one(fresh, 'SELECT enterprise_id FROM outfalls WHERE id = ?', outfall)).toEqual({ enterprise_id: elsewhere });
    expect(ids(fresh, 'SELECT target_id FROM directory_entries WHERE target_id IN (?, ?)', elsewhere, other)).toHaveLength(0);

    // By USB stick: a laptop of the officer's that never connects gets the references in its return bundles.
    const usb = await enrolledLaptop(hub, 'sun');
    const usbDevice = readSyncState(usb.store.db).deviceId!;
    const round = async () => {
      const down = join(tempDir(), `down-${Math.random()}.qsync`);
      await exportHubBundle(hub.db, hub.dir, usbDevice, down);
      importDeviceBundle(usb.store, down);
      const up = join(tempDir(), `up-${Math.random()}.qsync`);
      exportDeviceBundle(usb.store, up);
      await importHubBundle(hub.db, hub.dir, up);
    };
    await round(); // everything of their towns; the changes naming other towns' records wait
    await round(); // the references, as they stand
    await round();
    await round();
    for (const id of [elsewhere, other, far]) expect(row(usb, id)).toEqual(row(a, id));
    expect(one(usb, 'SELECT enterprise_id FROM outfalls WHERE id = ?', drain)).toEqual({ enterprise_id: far });
    expect(one(usb, 'SELECT enterprise_id FROM outfalls WHERE id = ?', outfall)).toEqual({ enterprise_id: elsewhere });
    expect(one(usb, 'SELECT enterprise_id FROM outfalls WHERE id = ?', later)).toEqual({ enterprise_id: other });
    expect(await usb.call('sync.rejected', {})).toEqual([]);
    expect(usb.store.db.prepare('SELECT count(*) FROM sync_missing').pluck().get()).toBe(0);

    // Naming another town's enterprise from an outfall of theirs does not make it theirs to read: held, and not given.
    const [stranger] = ids(a, 'SELECT id FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT 1', towns[3]);
    const [mine] = ids(t, 'SELECT id FROM outfalls WHERE town_code = ? AND deleted_at IS NULL AND id NOT IN (?, ?) ORDER BY id LIMIT 1', towns[0], outfall, later);
    t.store.db.pragma('foreign_keys = OFF');
    await t.store.write((await import('../../electron/store/entities')).OUTFALL, mine, { enterpriseId: stranger }, 'system');
    t.store.db.pragma('foreign_keys = ON');
    await syncNow(t.ctx);
    const claim = await hub.db.all<{ reason: string }>('SELECT reason FROM quarantine WHERE entity_id = $1', [mine]);
    expect(claim.map((h) => h.reason)).toEqual([expect.stringContaining(`所涉单位或排污口属于镇街 ${towns[3]}`)]);
    expect(one(t, 'SELECT id FROM enterprises WHERE id = ?', stranger)).toBeUndefined();
    expect(await hub.db.one("SELECT 1 AS ok FROM record_refs WHERE to_id = $1", [stranger])).toBeUndefined();
    // The laptop's own guard says the same before anything is written.
    const named = await officer('outfalls.update', { id: later, patch: { enterpriseId: stranger } });
    expect(named).toMatchObject({ ok: false });

    // The hub keeps the reference out of the officer's hands: a change of it pushed from their laptop is held.
    await t.store.write((await import('../../electron/store/entities')).ENTERPRISE, elsewhere, { note: '绕过本机检查' }, 'system');
    await syncNow(t.ctx);
    const held = await hub.db.all<{ reason: string }>('SELECT reason FROM quarantine WHERE entity_id = $1', [elsewhere]);
    expect(held.map((h) => h.reason)).toEqual([expect.stringContaining(`记录属于镇街 ${towns[1]}`)]);
    expect(await hub.db.one<{ heads: string }>("SELECT heads FROM records WHERE entity = 'enterprise' AND entity_id = $1", [elsewhere]))
      .not.toMatchObject({ heads: expect.stringContaining('绕过本机检查') });
  });
});
