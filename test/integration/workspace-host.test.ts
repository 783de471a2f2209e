import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/services/demo/accounts';
import { demoHost, value } from './host-helpers';



describe('switching workspaces in one data folder', () => {
  it('starts an empty workspace, keeps the demo aside, and switches back', async () => {
    const { dir, host } = await demoHost();
    const seen: string[] = [];
    host.events.on('event', (e) => seen.push(e.type));
    await value(host.dispatch('workspaces.createEmpty', { bureauName: '某县生态环境局', countyCode: '360701', countyName: '某县' }));
    expect(seen).toContain('workspace');
    // another workspace, other accounts: nobody is signed in there; its first run creates the administrator
    expect(await host.dispatch('workspace.stats', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const setup = (await value(host.dispatch('auth.setup', { user: 'ouyang', personName: '欧阳新', password: 'Ouyang2026x' }))) as { account: { personId: string; role: string } };
    expect(setup.account.role).toBe('admin');
    expect(await value(host.dispatch('workspace.stats', {}))).toMatchObject({ enterprises: 0, regions: 1, people: 1 });
    expect(((await value(host.dispatch('workspace.info', {}))) as { currentPerson: { id: string } }).currentPerson.id).toBe(setup.account.personId);
    expect((await host.dispatch('people.create', { name: '第二人', role: '局机关人员' })).ok).toBe(true);

    const list = (await value(host.dispatch('workspaces.list', {}))) as { file: string; bureauName: string; enterprises: number; active: boolean }[];
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ active: true, bureauName: '某县生态环境局', enterprises: 0 });
    // The demo was encrypted at its first sign-in (issue 18): set aside, it names nothing until opened.
    expect(list[1]).toMatchObject({ active: false, bureauName: '（已加密：打开后登录可见）' });

    await value(host.dispatch('workspaces.open', { file: list[1].file }));
    await value(host.dispatch('auth.signIn', { user: 'admin', password: DEMO_PASSWORD }));
    expect(await value(host.dispatch('workspace.stats', {}))).toMatchObject({ enterprises: 400 });
    const after = (await value(host.dispatch('workspaces.list', {}))) as { bureauName: string }[];
    expect(after.map((w) => w.bureauName).sort()).toEqual(['清水县生态环境局', '（已加密：打开后登录可见）']);
    host.close();
    expect(readdirSync(join(dir, 'workspaces')).filter((f) => f.endsWith('.qingshui'))).toHaveLength(1); // its key slots beside it
  });

  it('refuses a bad county code and a corrupt archived file, leaving the active workspace in place', async () => {
    const { dir, host } = await demoHost();
    const bad = await host.dispatch('workspaces.createEmpty', { bureauName: '某局', countyCode: '12', countyName: '某县' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
    writeFileSync(join(dir, 'workspaces-junk.txt'), 'x');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'workspaces'), { recursive: true });
    writeFileSync(join(dir, 'workspaces', 'broken.qingshui'), 'this is not a database');
    const r = await host.dispatch('workspaces.open', { file: 'workspaces/broken.qingshui' });
    expect(r).toMatchObject({ ok: false });
    expect(await value(host.dispatch('workspace.stats', {}))).toMatchObject({ enterprises: 400 });
    expect(existsSync(join(dir, 'workspaces', 'broken.qingshui'))).toBe(true);
    expect((await host.dispatch('workspaces.open', { file: '../workspace.qingshui' })).ok).toBe(false);
    host.close();
  });
});
