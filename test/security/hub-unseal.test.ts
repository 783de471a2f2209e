import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceFile, type Workbench } from '../../electron/core/workbench';
import { createWorkspaceHost, type WorkspaceHost } from '../../electron/core/workspace-host';
import type { Session } from '../../electron/services/context';
import { syncNow } from '../../electron/services/sync';
import { exportDeviceBundle, importDeviceBundle } from '../../electron/services/sync/bundle';
import { readSlots } from '../../electron/store/key-slots';
import { readSyncState } from '../../electron/store/sync-state';
import { setDeviceState } from '../../hub/services/accounts';
import { exportHubBundle, importHubBundle } from '../../hub/services/bundles';
import { updateUser } from '../../hub/services/users';
import { tempDir } from '../integration/helpers';
import { countyLaptop, PASSWORD, startHub } from '../integration/sync-helpers';

/*
 * A joined laptop encrypted at rest (issue 18): its key is also wrapped by a secret the hub keeps for
 * the device, so a hub account new to the laptop (or whose password changed at the hub) opens it — while
 * the device is approved there. USB bundles travel sealed with the device's bundle key.
 */

function page(host: WorkspaceHost) {
  const session: Session = { personId: null };
  return { session, call: (name: string, input: unknown = {}) => host.dispatch(name, input, session) };
}

const addInspector = (hub: Awaited<ReturnType<typeof startHub>>, name: string) =>
  hub.db.run("INSERT INTO users (name, display, role, towns, password, disabled, created_at) SELECT $1, $1, 'inspector', '[]', password, 0, created_at FROM users WHERE name = 'admin'", [name]);

/** The laptop's workspace closed, then started again as a host would: sealed. */
function reopenSealed(a: Workbench): WorkspaceHost {
  a.close();
  return createWorkspaceHost({ sealed: a.dataDir });
}

for (const kind of ['sqlite', 'pg'] as const) {
  describe(`a joined laptop encrypted at rest (${kind}, issue 18)`, () => {
    it('is encrypted at its first hub sign-in with a hub slot (no recovery code); a new hub account opens it through the hub; a revoked device is not opened by the hub', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      expect(readSyncState(a.store.db).sealSecret).toBeTruthy();
      const deviceId = readSyncState(a.store.db).deviceId!;
      const host = createWorkspaceHost(a);
      const first = await page(host).call('auth.signIn', { user: 'admin', password: PASSWORD });
      expect(first).toMatchObject({ ok: true, value: { protected: true, recoveryCode: null, hubJoined: true } });
      const slots = readSlots(workspaceFile(a.dataDir))!;
      expect(slots.slots.map((s) => s.kind).sort()).toEqual(['account', 'hub']);

      // Started again: sealed. li has never signed in on this laptop: the hub does not open it for li —
      // any hub account could otherwise take any laptop's secret. An administrator's password does.
      await addInspector(hub, 'li');
      let sealed = reopenSealed(a);
      expect(await page(sealed).call('auth.status')).toMatchObject({ ok: true, value: { sealed: true, hubJoined: true } });
      expect(await page(sealed).call('auth.signIn', { user: 'li', password: 'not-his-pass-1' })).toMatchObject({ ok: false, error: { message: '用户名或密码不对，或该账号已停用' } });
      expect(await page(sealed).call('auth.signIn', { user: 'li', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('该账号没有在本机登录过') } });
      await updateUser(hub.db, 'admin', { password: 'admin-new-pass-3' }); // the admin forgot: reset at the hub
      expect(await page(sealed).call('auth.signIn', { user: 'admin', password: 'admin-new-pass-3' })).toMatchObject({ ok: true, value: { signedIn: true, account: { name: 'admin' } } });
      // Open now: li signs in for the first time here (checked at the hub with the device's own session).
      expect(await page(sealed).call('auth.signIn', { user: 'li', password: PASSWORD })).toMatchObject({ ok: true, value: { signedIn: true, account: { name: 'li', role: 'inspector', source: 'hub' } } });
      sealed.close();

      // li's password reset at the hub (forgotten): the new one opens the laptop at once, through the hub.
      await updateUser(hub.db, 'li', { password: 'li-new-pass-2' });
      sealed = createWorkspaceHost({ sealed: a.dataDir });
      expect(await page(sealed).call('auth.signIn', { user: 'li', password: 'li-new-pass-2' })).toMatchObject({ ok: true, value: { account: { name: 'li' } } });
      sealed.close();

      // The device revoked at the hub: the hub opens it for nobody new; a person with a slot here still can (offline, by design).
      await setDeviceState(hub.db, deviceId, 'revoked');
      await addInspector(hub, 'wang'); // made from the admin's hash: the admin's password, reset above
      sealed = createWorkspaceHost({ sealed: a.dataDir });
      expect(await page(sealed).call('auth.signIn', { user: 'wang', password: 'admin-new-pass-3' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('未获批准或已被注销') } });
      expect(await page(sealed).call('auth.signIn', { user: 'admin', password: 'admin-new-pass-3' })).toMatchObject({ ok: true });
      sealed.close();

      // Guessing a password through the unseal door is throttled per account, whatever device id is named.
      await addInspector(hub, 'zhao');
      for (let i = 0; i < 5; i++) {
        const r = await fetch(new URL('/v1/accounts/unseal', hub.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: `dev-fake${i}`, user: 'zhao', password: `guess-${i}-x` }) });
        expect(r.status).toBe(401);
      }
      const locked = await fetch(new URL('/v1/accounts/unseal', hub.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deviceId: 'dev-fake9', user: 'zhao', password: 'admin-new-pass-3' }) });
      expect(locked.status).toBe(429);
    }, 60_000); // scrypt slots, a first sync and a hub sign-in on a second laptop

    it('a USB bundle is sealed both ways: no name readable on the stick; a changed byte is refused', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      const name = a.store.db.prepare('SELECT name FROM enterprises ORDER BY name LIMIT 1').pluck().get() as string;
      await a.call('workspace.signIn', { personId: a.store.db.prepare("SELECT id FROM people WHERE role = '执法人员' LIMIT 1").pluck().get() as string });
      const id = a.store.db.prepare('SELECT id FROM enterprises ORDER BY name LIMIT 1').pluck().get() as string;
      await a.call('enterprises.update', { id, patch: { note: '只在 U 盘同步包里' } });
      const up = join(tempDir(), 'up.qsync');
      exportDeviceBundle(a.store, up);
      const bytes = readFileSync(up);
      expect(bytes.subarray(0, 14).toString('latin1')).toBe('QSYNC-SEALED-1');
      for (const secret of [name, '只在 U 盘同步包里', 'changes.json']) expect(bytes.includes(Buffer.from(secret))).toBe(false);

      const forged = join(tempDir(), 'forged.qsync');
      const copy = Buffer.from(bytes);
      copy[copy.length - 40] ^= 1;
      writeFileSync(forged, copy);
      await expect(importHubBundle(hub.db, hub.dir, forged)).rejects.toThrow(/无法用该设备的密钥解开/);
      expect(await importHubBundle(hub.db, hub.dir, up)).toMatchObject({ applied: 1 });

      const down = join(tempDir(), 'down.qsync');
      await exportHubBundle(hub.db, hub.dir, readSyncState(a.store.db).deviceId!, down);
      const back = readFileSync(down);
      expect(back.subarray(0, 14).toString('latin1')).toBe('QSYNC-SEALED-1');
      expect(back.includes(Buffer.from('changes.json'))).toBe(false);
      expect(importDeviceBundle(a.store, down)).toMatchObject({ acknowledged: 1 });
    });
  });
}
