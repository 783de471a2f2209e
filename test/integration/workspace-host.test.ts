import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import { createWorkspaceHost } from '../../electron/core/workspace-host';
import { generateDemo } from '../../electron/services/demo/generate';
import { tempDir } from './helpers';

function demoHost() {
  const dir = tempDir();
  const b = createWorkbench({ dataDir: dir, actor: 'system' });
  generateDemo(b.store);
  b.close();
  return { dir, host: createWorkspaceHost(createWorkbench({ dataDir: dir })) };
}

const value = async (p: Promise<{ ok: boolean }>) => { const r = await p; if (!r.ok) throw new Error(JSON.stringify(r)); return (r as unknown as { value: unknown }).value; };

describe('switching workspaces in one data folder', () => {
  it('starts an empty workspace, keeps the demo aside, and switches back', async () => {
    const { dir, host } = demoHost();
    const seen: string[] = [];
    host.events.on('event', (e) => seen.push(e.type));
    await value(host.dispatch('workspaces.createEmpty', { bureauName: '某县生态环境局', countyCode: '360701', countyName: '某县' }));
    expect(seen).toContain('workspace');
    expect(await value(host.dispatch('workspace.stats', {}))).toMatchObject({ enterprises: 0, regions: 1, people: 0 });

    // an empty workspace: the first person registers themselves and is signed in
    const me = (await value(host.dispatch('people.create', { name: '欧阳新', role: '执法人员', certificateNo: '36070126001' }))) as { id: string };
    expect(((await value(host.dispatch('workspace.info', {}))) as { currentPerson: { id: string } }).currentPerson.id).toBe(me.id);
    expect((await host.dispatch('people.create', { name: '第二人', role: '局机关人员' })).ok).toBe(true);

    const list = (await value(host.dispatch('workspaces.list', {}))) as { file: string; bureauName: string; enterprises: number; active: boolean }[];
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ active: true, bureauName: '某县生态环境局', enterprises: 0 });
    expect(list[1]).toMatchObject({ active: false, bureauName: '清水县生态环境局', enterprises: 400 });

    await value(host.dispatch('workspaces.open', { file: list[1].file }));
    expect(await value(host.dispatch('workspace.stats', {}))).toMatchObject({ enterprises: 400 });
    const after = (await value(host.dispatch('workspaces.list', {}))) as { bureauName: string }[];
    expect(after.map((w) => w.bureauName).sort()).toEqual(['某县生态环境局', '清水县生态环境局']);
    host.close();
    expect(readdirSync(join(dir, 'workspaces'))).toHaveLength(1);
  });

  it('refuses a bad county code and a corrupt archived file, leaving the active workspace in place', async () => {
    const { dir, host } = demoHost();
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
