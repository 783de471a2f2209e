import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { enroll } from '../../electron/services/sync/enroll';
import { enterpriseDraft } from './helpers';
import { blankLaptop, countyLaptop, enrolledLaptop, PASSWORD, startHub, townsOf } from './sync-helpers';

describe.each(['sqlite', 'pg'] as const)('an admin manages the hub’s laptops from their own (%s)', (kind) => {
  it('lists them, approves a pending enrolment, revokes a lost laptop; nobody else may, and not their own laptop', async () => {
    const hub = await startHub(kind);
    const admin = await enrolledLaptop(hub, 'admin');
    const other = await enrolledLaptop(hub, 'li', { role: 'inspector' });
    await enrolledLaptop(hub, 'wang', { role: 'inspector' }); // creates the account
    const newcomer = blankLaptop();
    const { deviceId } = await enroll(newcomer.store, hub.url, 'wang', PASSWORD);
    await expect(syncNow(newcomer.ctx)).rejects.toThrow(/尚待同步中心管理员批准/);

    const devices = await admin.call('sync.devices', {});
    expect(devices).toHaveLength(4);
    expect(devices.find((d) => d.id === deviceId)).toMatchObject({ user: 'wang', userDisplay: 'wang', role: 'inspector', state: 'pending', lastSeenAt: null, clockAhead: 0 });
    expect(devices.find((d) => d.user === 'admin')!.lastSeenAt).not.toBeNull();
    expect(await other.dispatch('sync.devices', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('只有管理员能查看设备登记') } });
    expect(await other.dispatch('sync.setDeviceState', { id: deviceId, state: 'approved' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('只有管理员能批准设备登记') } });

    expect(await admin.call('sync.setDeviceState', { id: deviceId, state: 'approved' })).toMatchObject({ id: deviceId, state: 'approved' });
    expect((await syncNow(newcomer.ctx)).cursor).toBeGreaterThan(0);

    const own = (await admin.call('sync.status', {})).deviceId!;
    expect(await admin.dispatch('sync.setDeviceState', { id: own, state: 'revoked' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不能注销正在使用的本机') } });
    expect(await admin.dispatch('sync.setDeviceState', { id: 'dev-000000000000', state: 'revoked' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('没有设备') } });
    expect(await admin.call('sync.setDeviceState', { id: deviceId, state: 'revoked' })).toMatchObject({ state: 'revoked' });
    await expect(syncNow(newcomer.ctx)).rejects.toThrow(/已被管理员注销/);
    expect(await admin.dispatch('sync.setDeviceState', { id: deviceId, state: 'approved' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已注销，不能再启用') } });
    const log = readFileSync(join(hub.dir, 'hub.log'), 'utf8');
    expect(log).toContain('device approved');
    expect(log).toContain('device revoked');
  });

  it('adds an account, gives a town officer another town (their next sync brings its records), keeps their unsent work; disables and enables', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub);
    await syncNow(a.ctx);
    const towns = townsOf(a);
    const inTown = (wb: typeof a, town: string) => wb.store.db.prepare('SELECT count(*) FROM enterprises WHERE town_code = ?').pluck().get(town) as number;

    expect(await a.dispatch('sync.addUser', { name: 'zhou', role: 'town', towns: [], password: PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringContaining('须指定负责的镇街') } });
    expect(await a.dispatch('sync.addUser', { name: 'zhou', role: 'town', towns: [towns[0]], password: 'short' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('密码至少 8 位') } });
    expect(await a.call('sync.addUser', { name: 'zhou', display: '周某', role: 'town', towns: [towns[0]], password: PASSWORD })).toMatchObject({ name: 'zhou', display: '周某', role: 'town', towns: [towns[0]], disabled: false });
    expect(await a.dispatch('sync.addUser', { name: 'zhou', role: 'inspector', password: PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringContaining('已存在') } });

    const t = blankLaptop();
    const { deviceId } = await enroll(t.store, hub.url, 'zhou', PASSWORD);
    await a.call('sync.setDeviceState', { id: deviceId, state: 'approved' });
    await syncNow(t.ctx);
    expect(t.store.db.prepare('SELECT DISTINCT town_code FROM enterprises').pluck().all()).toEqual([towns[0]]);
    expect(await t.dispatch('sync.users', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Work not yet sent when the area grows: it goes up, and the added town's records come down.
    const mine = t.store.db.prepare('SELECT id FROM enterprises ORDER BY id LIMIT 1').pluck().get() as string;
    await t.call('enterprises.update', { id: mine, patch: { note: '扩大辖区前的核实' } });
    // Meanwhile the county edits a record the officer already holds, and one of the town to be added.
    const held = t.store.db.prepare('SELECT id FROM enterprises ORDER BY id LIMIT 1 OFFSET 1').pluck().get() as string;
    const added = a.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? ORDER BY id LIMIT 1').pluck().get(towns[1]) as string;
    await a.call('enterprises.update', { id: held, patch: { contactPhone: '0797-8000001' } });
    await a.call('enterprises.update', { id: added, patch: { contactPhone: '0797-8000002' } });
    await syncNow(a.ctx);
    expect(await a.call('sync.updateUser', { name: 'zhou', patch: { towns: [towns[0], towns[1]] } })).toMatchObject({ towns: [towns[0], towns[1]] });
    const widened = await syncNow(t.ctx);
    expect(widened.snapshotRecords).toBeGreaterThanOrEqual(inTown(a, towns[1]));
    expect(inTown(t, towns[1])).toBe(inTown(a, towns[1]));
    expect(await t.call('sync.conflicts', {})).toEqual([]);
    const phone = (id: string) => t.store.db.prepare('SELECT contact_phone FROM enterprises WHERE id = ?').pluck().get(id);
    expect([phone(held), phone(added)]).toEqual(['0797-8000001', '0797-8000002']);
    expect(inTown(t, towns[1])).toBeGreaterThan(0);
    expect((await t.call('sync.status', {})).towns).toEqual([towns[0], towns[1]]);
    expect(await t.call('sync.rejected', {})).toEqual([]);
    const created = await t.call('enterprises.create', await enterpriseDraft(t, { townCode: towns[1], name: '清水县新划入镇街登记有限公司' }));
    expect((await syncNow(t.ctx)).quarantined).toBe(0);
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT note FROM enterprises WHERE id = ?').pluck().get(mine)).toBe('扩大辖区前的核实');
    expect(a.store.db.prepare('SELECT count(*) FROM enterprises WHERE id = ?').pluck().get(created.enterprise.id)).toBe(1);
    // A narrower area brings nothing again.
    await a.call('sync.updateUser', { name: 'zhou', patch: { towns: [towns[1]] } });
    expect((await syncNow(t.ctx)).snapshotRecords).toBe(0);

    expect(await a.dispatch('sync.updateUser', { name: 'admin', patch: { role: 'inspector' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不能停用或降级自己') } });
    expect(await a.dispatch('sync.updateUser', { name: 'nobody', patch: { display: '某' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await a.call('sync.updateUser', { name: 'zhou', patch: { disabled: true } });
    await expect(syncNow(t.ctx)).rejects.toThrow(/已被管理员注销|已停用/);
    expect(await a.call('sync.updateUser', { name: 'zhou', patch: { disabled: false } })).toMatchObject({ disabled: false });
    await expect(syncNow(t.ctx)).rejects.toThrow(/已被管理员注销/);
    expect(readFileSync(join(hub.dir, 'hub.log'), 'utf8')).toContain('user changed');
  });
});
