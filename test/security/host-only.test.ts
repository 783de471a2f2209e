import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { tempDir } from '../integration/helpers';
import { BIN, rpc, startHost } from '../integration/web-helpers';
import { DEMO_ENV } from '../integration/cli-env';

const qingshui = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...DEMO_ENV, QINGSHUI_PASSWORD: 'not-used-here' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('what only a program on this computer may do, and what it leaves behind', () => {
  it('a page cannot build the demo county or a new county into an empty workspace (a laptop waiting for its first sync)', async () => {
    const dir = join(tempDir(), 'empty');
    const { url, token } = await startHost(dir, ['--empty']);
    for (const [name, input] of [['demo.generate', {}], ['workspace.init', { bureauName: '假冒局', countyCode: '360799', countyName: '假冒县' }]] as const) {
      const answer = await (await rpc(url, name, input, token)).json() as { ok: boolean; error?: { code: string; message: string } };
      expect(answer.ok, name).toBe(false);
      expect(answer.error).toMatchObject({ code: 'forbidden' });
      expect(answer.error!.message).toContain('页面不能调用');
    }
    // Still a laptop nobody has an account on (the demo would have made its accounts), and its records are not a page's to read.
    expect(await (await rpc(url, 'auth.status', {}, token)).json()).toMatchObject({ ok: true, value: { noAccounts: true, needsSetup: true } });
    expect(await (await rpc(url, 'workspace.stats', {}, token)).json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('a page cannot make the host read a file of its choosing as a bundle (a path, or a staged name that climbs out)', async () => {
    const dir = join(tempDir(), 'ws');
    const { url, token } = await startHost(dir, ['--empty']);
    expect(await (await rpc(url, 'auth.setup', { user: 'admin', personName: '管理员', password: 'Admin2026x' }, token)).json()).toMatchObject({ ok: true });
    const elsewhere = join(tempDir(), 'hub-bundle.qsync');
    writeFileSync(elsewhere, 'not a bundle');
    for (const input of [{ path: elsewhere }, { staged: '../../hub-bundle.qsync' }, { staged: `${'a'.repeat(32)}.qsync` }]) {
      const answer = await (await rpc(url, 'sync.importBundle', input, token)).json() as { ok: boolean; error?: { code: string; message: string } };
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      expect(answer.error!.message).toMatch(/请选择同步包文件|找不到要导入的同步包/);
    }
    // What a page's bytes were staged as is gone after the call, whatever its answer.
    const bad = await (await rpc(url, 'sync.importBundle', { name: 'x.qsync', base64: Buffer.from('not a bundle').toString('base64') }, token)).json() as { ok: boolean };
    expect(bad.ok).toBe(false);
    expect(existsSync(join(dir, 'uploads')) ? readdirSync(join(dir, 'uploads')) : []).toEqual([]);
  });

  it('verify reads the workspace as it is: a removed checklist version is named, and nothing is written first', async () => {
    const dir = join(tempDir(), 'ws');
    const wb = createWorkbench({ dataDir: dir, actor: 'system' });
    generateDemo(wb.store);
    await generateDemoPast(wb.store, { count: 3 });
    wb.close();
    // Someone with the file and an SQLite tool removes the template a signed record was made with.
    const raw = new Database(join(dir, 'workspace.qingshui'));
    raw.pragma('foreign_keys = OFF');
    const template = raw.prepare("SELECT template_id FROM inspections WHERE state = 'finalized' LIMIT 1").pluck().get() as string;
    raw.prepare('DELETE FROM checklist_templates WHERE id = ?').run(template);
    const changes = raw.prepare('SELECT count(*) FROM changes').pluck().get();
    raw.close();
    const r = qingshui('verify', '--data', dir, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).problems.map((p: { message: string }) => p.message).join('\n')).toContain(template);
    const after = new Database(join(dir, 'workspace.qingshui'), { readonly: true });
    expect(after.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(changes);
    expect(after.prepare('SELECT count(*) FROM checklist_templates WHERE id = ?').pluck().get(template)).toBe(0);
    after.close();
  });

  it('a clerk’s sheet handed to the core is not left in the workspace, imported or refused', () => {
    const dir = join(tempDir(), 'ws');
    expect(qingshui('demo', '--data', dir, '--inspections', '0').code).toBe(0);
    const fixture = join(__dirname, '..', 'fixtures', 'enterprise-ledger-clerk-style.xlsx');
    expect(qingshui('import', 'enterprises', fixture, '--data', dir, '--json').code).toBe(1); // rows with errors: nothing written
    const uploads = join(dir, 'uploads');
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
    // Without --errors no marked-up workbook is kept anywhere either.
    expect(existsSync(join(dir, 'exports')) ? readdirSync(join(dir, 'exports')) : []).toEqual([]);
  });

  it('an empty --fingerprint is refused before anything is sent (an unset variable must not pin whatever answers)', () => {
    const r = qingshui('enroll', '--data', join(tempDir(), 'ws'), '--hub', 'https://127.0.0.1:1', '--user', 'a', '--fingerprint', '');
    expect(r.code).toBe(1);
    expect(r.err).toContain('证书指纹应为 64 位十六进制');
  });
});
