import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { enroll } from '../../electron/sync/enroll';
import { blankLaptop, enrolledLaptop, PASSWORD, startHub } from './sync-helpers';

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
});
