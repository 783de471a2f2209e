import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import { REGION } from '../../electron/store/entities';
import { keyFromPassword } from '../../electron/core/unlock';
import { DEMO_PASSWORD } from '../../electron/services/demo/accounts';
import { rawDatabase } from '../../electron/store/open';
import { tempDir } from './helpers';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
function qingshui(...args: string[]) {
  return run(args, {});
}
/** A command on the (encrypted) demo county, opened with a demo account (issue 18). */
function demoCli(...args: string[]) {
  return run(args, { QINGSHUI_UNLOCK: `admin:${DEMO_PASSWORD}` });
}
/** The demo workspace's key, for edits made behind the app's back. */
async function demoKey(dir: string) {
  return (await keyFromPassword(join(dir, 'workspace.qingshui'), { user: 'admin', password: DEMO_PASSWORD }))!;
}
function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  // `why`: what to say when it did not even exit (killed by a signal, or could not start).
  return { code: r.status, out: r.stdout, err: r.stderr, why: `${r.stderr ?? ''}${r.signal ? ` signal ${r.signal}` : ''}${r.error ? ` ${r.error.message}` : ''}` };
}

describe('the qingshui command line', () => {
  it('builds the demo county and reports counts as JSON', () => {
    const dir = join(tempDir(), 'ws');
    const demo = qingshui('demo', '--data', dir, '--seed', '42');
    expect(demo.code).toBe(0);
    expect(demo.out).toContain('400 家排污单位');
    expect(demo.out).toContain('工作区已加密');
    // Encrypted (issue 18): nothing opens without an account's password.
    const sealed = qingshui('stats', '--data', dir, '--json');
    expect(sealed.code).not.toBe(0);
    expect(sealed.err).toContain('工作区已加密：请以 QINGSHUI_UNLOCK=账号:密码 运行该命令');
    const wrong = run(['stats', '--data', dir], { QINGSHUI_UNLOCK: 'admin:Qingshui2025' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('用户名或密码不对');
    const stats = demoCli('stats', '--data', dir, '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.out)).toMatchObject({ enterprises: 400, outfalls: 200, regions: 111, people: 30, watersheds: 2, waterBodies: 5 });
    // A town officer's command reads their town only (issue 18).
    const town = run(['stats', '--data', dir, '--json'], { QINGSHUI_UNLOCK: `zhenjie1:${DEMO_PASSWORD}` });
    expect(town.code).toBe(0);
    const seen = JSON.parse(town.out) as { enterprises: number; regions: number };
    expect(seen.enterprises).toBeGreaterThan(0);
    expect(seen.enterprises).toBeLessThan(400);
    expect(seen.regions).toBe(111);
  }, 90_000); // demos and CLI processes: seconds each, more under CI's load

  it('checks a workspace database page by page', () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const r = demoCli('check', '--data', dir, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, problems: [] });
  });

  it('scales the demo for benchmarks', () => {
    const dir = join(tempDir(), 'ws');
    const demo = qingshui('demo', '--data', dir, '--scale', '3');
    expect(demo.code, demo.why).toBe(0);
    expect(JSON.parse(demoCli('stats', '--data', dir, '--json').out)).toMatchObject({ enterprises: 1200, outfalls: 600 });
  }, 90_000); // demos and CLI processes: seconds each, more under CI's load

  it('refuses to write the demo into a workspace that has data', () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const again = qingshui('demo', '--data', dir);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('已有数据');
  }, 90_000); // demos and CLI processes: seconds each, more under CI's load

  it('backs up online and restores, keeping the replaced workspace', async () => {
    const root = tempDir();
    const dir = join(root, 'ws');
    const { recoveryCode } = JSON.parse(qingshui('demo', '--data', dir, '--json').out);
    const backup = join(root, 'backup.qingshui');
    expect(demoCli('backup', '--data', dir, '--out', backup).code).toBe(0);
    expect(existsSync(`${backup}.keys`)).toBe(true);
    const wb = createWorkbench({ dataDir: dir, actor: 'system', key: await demoKey(dir) });
    wb.store.write(REGION, '360799106999', { name: '新增村', level: 'village', parentCode: '360799106000' }, 'system');
    wb.close();
    expect(JSON.parse(demoCli('stats', '--data', dir, '--json').out).regions).toBe(112);
    rmSync(join(dir, 'workspace.qingshui.blobs'), { recursive: true }); // photos and signatures come back from the backup
    const refused = qingshui('restore', '--data', dir, '--from', backup);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('备份已加密');
    const restored = run(['restore', '--data', dir, '--from', backup], { QINGSHUI_RECOVERY: recoveryCode });
    expect(restored.code, restored.why).toBe(0);
    expect(demoCli('verify', '--data', dir).code).toBe(0);
    expect(JSON.parse(demoCli('stats', '--data', dir, '--json').out).regions).toBe(111);
    expect(readdirSync(dir).some((f) => f.includes('before-restore'))).toBe(true);
    expect(demoCli('backup', '--data', dir, '--out', backup).err).toContain('已存在');
  }, 60_000); // a demo, a backup of it and a restore, each a CLI process

  it('refuses to restore from a file that is not a workspace', () => {
    const root = tempDir();
    const dir = join(root, 'ws');
    qingshui('demo', '--data', dir);
    const junk = join(root, 'junk.qingshui');
    writeFileSync(junk, 'not a database at all, just text');
    const r = qingshui('restore', '--data', dir, '--from', junk);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('不是清水工作区');
    expect(JSON.parse(demoCli('stats', '--data', dir, '--json').out).enterprises).toBe(400);
  });

  it('creates an empty workspace with init', () => {
    const dir = join(tempDir(), 'ws');
    expect(qingshui('init', '--data', dir, '--bureau', '某县生态环境局', '--county-code', '360701', '--county-name', '某县').code).toBe(0);
    expect(JSON.parse(qingshui('stats', '--data', dir, '--json').out)).toMatchObject({ enterprises: 0, regions: 1 });
    expect(qingshui('init', '--data', join(tempDir(), 'x'), '--bureau', 'a', '--county-code', 'abc', '--county-name', 'b').err).toContain('县级区划代码');
  });

  it.each([
    [['frobnicate'], '未知命令'],
    [['stats'], '缺少参数 --data'],
    [['stats', '--data', '/nonexistent/qingshui'], '不存在'],
    [['stats', '--dta', 'x'], '未知选项'],
    [['demo', '--data', '/tmp/x', '--scale', 'big'], '--scale 应为整数'],
    [['demo', '--data', '/tmp/x', '--scale', '0'], '--scale 应为 1–1000'],
  ])('answers %j with a clear message and a non-zero exit', (args, message) => {
    const r = qingshui(...args);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain(message);
    expect(existsSync('/tmp/x')).toBe(false);
  });

  it('verify passes on the demo and names a record whose stored text was altered; print-record refuses bad input', async () => {
    const dir = join(tempDir(), 'ws');
    const demo = JSON.parse(qingshui('demo', '--data', dir, '--json').out);
    expect(demo.inspections).toBe(560);
    const ok = JSON.parse(demoCli('verify', '--data', dir, '--json').out);
    expect(ok).toMatchObject({ ok: true, records: 560, problems: [] });
    expect(JSON.parse(demoCli('stats', '--data', dir, '--json').out)).toMatchObject({ inspections: 560, finalizedInspections: 560 });
    // An edit made behind the app's back (the triggers dropped first, as a forger holding the key would).
    const db = rawDatabase(join(dir, 'workspace.qingshui'), {}, await demoKey(dir));
    db.exec('DROP TRIGGER inspection_records_frozen');
    const victim = db.prepare('SELECT inspection_id FROM inspection_records WHERE chain_seq = 7').pluck().get() as string;
    db.prepare("UPDATE inspection_records SET canonical = replace(canonical, '执法人员', '执法人等') WHERE inspection_id = ?").run(victim);
    db.close();
    const bad = demoCli('verify', '--data', dir, '--json');
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.out);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p: { id: string }) => p.id)).toContain(victim);
    expect(bad.err).toContain('发现');

    expect(demoCli('print-record', '--data', dir, '--out', join(dir, 'x.pdf')).err).toContain('请给出一个检查记录编号');
    expect(demoCli('print-record', victim, '--data', dir, '--out', join(dir, 'x.txt')).err).toContain('应为 .pdf 文件');
    const missing = demoCli('print-record', 'no-such-id', '--data', dir, '--out', join(dir, 'x.pdf'));
    expect(missing.code).toBe(3);
    expect(missing.err).toContain('未找到该检查记录');
  }, 90_000); // demos and CLI processes: seconds each, more under CI's load
});
