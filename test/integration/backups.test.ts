import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { backupsDirOf, backupToRestore, dailyBackup, listBackups, makeBackup, pruneBackups } from '../../electron/core/backups';
import { isProtected } from '../../electron/store/protection';
import { protectDemo } from '../../electron/services/auth/key-ring';
import { receiveUpload } from '../../electron/core/streamed-upload';
import { createWorkbench } from '../../electron/core/workbench';
import { generateDemo } from '../../electron/services/demo/generate';
import { DEMO_PASSWORD } from '../../electron/services/demo/accounts';
import { tempDir } from './helpers';
import { demoHost, value } from './host-helpers';


describe('备份与恢复 in the app (issue 20)', () => {
  it('backs up now, restores that backup in place of later work, and keeps the workspace it replaced', async () => {
    const { dir, host } = await demoHost();
    const b = await value<{ name: string; photos: boolean }>(host.dispatch('workspaces.backupNow', {}));
    expect(b.name).toMatch(/^清水备份-\d{8}-\d{6}\.qingshui$/);
    expect(existsSync(join(backupsDirOf(dir), b.name))).toBe(true);
    type Info = { settings: { bureauName: string } };
    const before = (await value<Info>(host.dispatch('workspace.info', {}))).settings.bureauName;
    await value(host.dispatch('workspace.updateSettings', { bureauName: '备份之后改过的局名' }));
    await value(host.dispatch('workspaces.restore', { name: b.name }));
    // The restored workspace asks for sign-in again (another file), then holds what the backup held.
    await host.dispatch('auth.signIn', { user: 'admin', password: DEMO_PASSWORD });
    expect((await value<Info>(host.dispatch('workspace.info', {}))).settings.bureauName).toBe(before);
    const list = await value<{ active: boolean }[]>(host.dispatch('workspaces.list', {}));
    expect(list.filter((w) => !w.active)).toHaveLength(1); // the replaced one is kept aside
    host.close();
  });

  it('refuses a file that is not a workspace, and a name that is not a backup', async () => {
    const { host } = await demoHost();
    const upload = await receiveUpload(host.current(), 'qingshui', Readable.from([Buffer.from('not a database at all')]));
    const bad = await host.dispatch('workspaces.restore', { upload });
    expect(bad.ok).toBe(false);
    const traversal = await host.dispatch('workspaces.restore', { name: '../workspace.qingshui' });
    expect(traversal).toMatchObject({ ok: false, error: { message: '未找到要恢复的备份' } });
    host.close();
  });

  it('makes one automatic backup a day and prunes those past the days kept', async () => {
    const { dir, host } = await demoHost();
    const wb = host.current();
    expect(dailyBackup(wb, dir)?.auto).toBe(true);
    expect(dailyBackup(wb, dir)).toBeNull(); // one a day
    const [first] = listBackups(dir);
    const old = (Date.now() - 10 * 86_400_000) / 1000;
    utimesSync(join(backupsDirOf(dir), first.name), old, old);
    expect(pruneBackups(dir, 7)).toBe(1);
    expect(listBackups(dir)).toEqual([]);
    await value(host.dispatch('workspace.updateSettings', { backupKeepDays: 0 }));
    expect(dailyBackup(wb, dir)).toBeNull();
    host.close();
  });

  it('a backup made before the workspace was protected is encrypted with it; a plain backup is not restored into a protected workspace', async () => {
    const dir = tempDir();
    const wb = createWorkbench({ dataDir: dir, actor: 'system' });
    generateDemo(wb.store);
    const plain = makeBackup(wb, dir);
    const file = join(backupsDirOf(dir), plain.name);
    expect(isProtected(file)).toBe(false);
    await protectDemo(wb.store, [{ user: 'admin', role: 'admin', password: DEMO_PASSWORD }]);
    expect(isProtected(file)).toBe(true);
    // And it opens with the workspace's key: restorable in the app.
    expect(() => backupToRestore(dir, wb.store.file, { name: plain.name }, wb.store.key)).not.toThrow();
    wb.close();
    // A plain copy handed in while protected is refused (it would drop the protection).
    const other = tempDir();
    const p = createWorkbench({ dataDir: other, actor: 'system' });
    generateDemo(p.store);
    const loose = makeBackup(p, other);
    p.close();
    expect(() => backupToRestore(other, join(other, 'x'), { name: loose.name }, Buffer.alloc(32, 1))).toThrow('这份备份未加密');
  });
});
