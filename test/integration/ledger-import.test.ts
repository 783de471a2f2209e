import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { attachEncrypted, DEMO_ENV, demoDatabase, demoKey } from './cli-env';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const FIXTURE = join(__dirname, '..', 'fixtures', 'enterprise-ledger-clerk-style.xlsx');
const qingshui = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: DEMO_ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const stats = (dir: string) => JSON.parse(qingshui('stats', '--data', dir, '--json').out) as { enterprises: number; changes: number };

/** The data rows of an exported register, without the 填报 row (its date and reporter differ by run). */
async function dataRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  // The last, hidden column is the record's id in this workspace (issue 20): not content.
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  wb.worksheets[0].eachRow((row, n) => { if (n > 4 && typeof row.getCell(1).value === 'number') { const v = (row.values as unknown[]).slice(1); if (uuid.test(String(v[v.length - 1]))) v.pop(); rows.push(v); } });
  return rows;
}

/** A workspace for the same county with its towns, villages and watersheds but no enterprises (test setup). */
function emptyCounty(from: string, key: Buffer): string {
  const dir = join(tempDir(), 'empty');
  qingshui('init', '--data', dir, '--bureau', '清水县生态环境局', '--county-code', '360799', '--county-name', '清水县');
  const db = new Database(join(dir, 'workspace.qingshui'));
  attachEncrypted(db, join(from, 'workspace.qingshui'), key, 'src');
  db.exec("INSERT OR IGNORE INTO regions SELECT * FROM src.regions WHERE level <> 'county'; INSERT INTO watersheds SELECT * FROM src.watersheds; INSERT INTO water_bodies SELECT * FROM src.water_bodies;");
  db.close();
  return dir;
}

describe('importing ledgers', () => {
  it('round trip: export the register, import it into an empty county, export again — same content', async () => {
    const a = join(tempDir(), 'a');
    qingshui('demo', '--data', a);
    const first = join(a, 'first.xlsx');
    expect(qingshui('export', 'enterprises', '--data', a, '--out', first).code).toBe(0);
    const b = emptyCounty(a, await demoKey(a));
    const dry = qingshui('import', 'enterprises', first, '--data', b, '--dry-run', '--json');
    expect(JSON.parse(dry.out)).toMatchObject({ rows: 400, created: 400, updated: 0, invalid: 0, committed: false, unmatchedHeaders: [] });
    expect(stats(b).enterprises).toBe(0);
    const real = qingshui('import', 'enterprises', first, '--data', b, '--json');
    expect(real.code, real.err).toBe(0);
    expect(JSON.parse(real.out)).toMatchObject({ created: 400, committed: true });
    expect(stats(b).enterprises).toBe(400);
    const second = join(b, 'second.xlsx');
    expect(qingshui('export', 'enterprises', '--data', b, '--out', second).code).toBe(0);
    expect(await dataRows(second)).toEqual(await dataRows(first));
    // Outfalls too, their responsible enterprises found by name in the imported register.
    const outfalls = join(a, 'outfalls.xlsx');
    expect(qingshui('export', 'outfalls', '--data', a, '--out', outfalls).code).toBe(0);
    const o = qingshui('import', 'outfalls', outfalls, '--data', b, '--json');
    expect(o.code, o.err).toBe(0);
    expect(JSON.parse(o.out)).toMatchObject({ rows: 200, created: 200, invalid: 0, committed: true });
    const outfallsAgain = join(b, 'outfalls-again.xlsx');
    expect(qingshui('export', 'outfalls', '--data', b, '--out', outfallsAgain).code).toBe(0);
    expect(await dataRows(outfallsAgain)).toEqual(await dataRows(outfalls));
    // Importing the same file again: everything unchanged, nothing written.
    const changes = stats(b).changes;
    expect(JSON.parse(qingshui('import', 'enterprises', first, '--data', b, '--json').out)).toMatchObject({ created: 0, updated: 0, unchanged: 400 });
    expect(stats(b).changes).toBe(changes);
  }, 90_000);

  it('reads a clerk’s ledger (title rows, merged two-row headers, 度分秒, name and phone in one cell) and marks each bad cell in an error workbook', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const errors = join(dir, 'errors.xlsx');
    const r = qingshui('import', 'enterprises', FIXTURE, '--data', dir, '--errors', errors, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ sheet: '重点排污单位', headerRow: 4, rows: 20, created: 4, invalid: 16, committed: false });
    expect(report.problems[0]).toMatchObject({ cell: 'F6', message: '第 6 行 F 列：所属镇街“柳溪镇”不在本县区划目录中' });
    expect(stats(dir).enterprises).toBe(400);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(errors);
    const ws = wb.worksheets[0];
    expect(JSON.stringify(ws.getCell('F6').note)).toContain('第 6 行 F 列：所属镇街“柳溪镇”不在本县区划目录中');
    expect((ws.getCell('F6').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell('F5').note).toBeUndefined();
    expect((ws.getCell('F5').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE'); // only bad cells are marked
    expect((ws.getCell('B6').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    expect(ws.getCell('B5').value).toBe('示例嘉泰有机有限公司');
  });

  it('refuses bad files and bad cells in Chinese (sheet, row, column), leaving the store unchanged', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const before = stats(dir);
    const text = join(dir, 'not.xlsx');
    writeFileSync(text, 'not a workbook');
    expect(qingshui('import', 'enterprises', text, '--data', dir).err).toContain('无法打开：不是 .xlsx 文件，或文件已损坏、设有密码');
    // An encrypted .xlsx (or an old .xls) is an OLE compound file, not a zip.
    const locked = join(dir, 'locked.xlsx');
    writeFileSync(locked, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    expect(qingshui('import', 'enterprises', locked, '--data', dir).err).toContain('是设有打开密码的工作簿或旧版 .xls 文件');
    const build = async (name: string, rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名录');
      rows.forEach((r) => ws.addRow(r));
      const file = join(dir, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const empty = new ExcelJS.Workbook(); empty.addWorksheet('空');
    await empty.xlsx.writeFile(join(dir, 'empty.xlsx'));
    expect(qingshui('import', 'enterprises', join(dir, 'empty.xlsx'), '--data', dir).err).toContain('工作表是空的');
    // Only what identifies a record is required (issue 20): a sheet without names is refused, naming the column.
    const noName = await build('no-name.xlsx', [['统一社会信用代码', '所属镇街'], ['91360799MA35A1B2XK', '龙潭镇']]);
    expect(qingshui('import', 'enterprises', noName, '--data', dir).err).toContain('找不到必需的列：单位名称');
    const header = ['单位名称', '统一社会信用代码', '所属镇街', '经度', '纬度'];
    const good = (i: number) => [`测试公司${i}`, '', '龙潭镇', 115.05, 25.9];
    const exported = join(dir, 'ent.xlsx');
    qingshui('export', 'enterprises', '--data', dir, '--out', exported);
    const usccs = (await dataRows(exported)).map((r) => r[2] as string);
    const bad = await build('bad.xlsx', [
      header,
      ...Array.from({ length: 50 }, (_, i) => { const r = good(i); r[1] = usccs[i]; return r; }),
      ['坐标在国外', usccs[60], '龙潭镇', 2.35, 48.85],
      ['经纬度填反', usccs[61], '龙潭镇', 25.9, 115.05],
      ['重复代码', usccs[0], '龙潭镇', 115.05, 25.9],
    ]);
    const r = qingshui('import', 'enterprises', bad, '--data', dir, '--json');
    expect(r.code).toBe(1);
    const messages = (JSON.parse(r.out).problems as { message: string }[]).map((p) => p.message);
    expect(messages).toContain('第 52 行 D 列：坐标（经度 2.35，纬度 48.85）不在中国境内');
    expect(messages).toContain('第 53 行 D 列：坐标（经度 25.9，纬度 115.05）不在中国境内，经纬度可能填反了');
    expect(messages).toContain('第 54 行 B 列：统一社会信用代码与第 2 行重复');
    expect(stats(dir)).toEqual(before);
  }, 90_000); // a demo and a dozen CLI imports

  it('a sheet with fewer columns updates only what it has; the rest of each record stays as it was', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const exported = join(dir, 'ent.xlsx');
    qingshui('export', 'enterprises', '--data', dir, '--out', exported);
    const rows = (await dataRows(exported)).slice(0, 3);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(['单位名称', '统一社会信用代码', '所属镇街', '联系电话']);
    rows.forEach((r, i) => ws.addRow([r[1], r[2], r[7], i === 0 ? '13900000000' : r[16]]));
    const file = join(dir, 'few.xlsx');
    await wb.xlsx.writeFile(file);
    const r = qingshui('import', 'enterprises', file, '--data', dir, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 3, created: 0, updated: 1, unchanged: 2, unmatchedHeaders: [] });
    const db = await demoDatabase(dir, { readonly: true });
    const e = db.prepare('SELECT contact_phone, legal_representative, industry_code FROM enterprises WHERE uscc = ?').get(rows[0][2]) as Record<string, string>;
    db.close();
    expect(e).toMatchObject({ contact_phone: '13900000000', legal_representative: rows[0][14], industry_code: rows[0][3] });
  });

  it('imports a 督察交办 problem list with its numbers, sources, named people and deadlines in any clerk format; a bad date is named', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const before = JSON.parse(qingshui('stats', '--data', dir, '--json').out).findings as number;
    const build = async (deadline3: string, source2: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('交办清单');
      ws.addRow(['第三轮省级生态环境保护督察交办问题整改清单']);
      ws.mergeCells('A1:K1');
      ws.addRow(['问题编号', '问题来源', '问题描述', '属地镇街', '整改目标', '整改措施', '牵头单位', '配合单位', '责任领导', '责任人', '整改时限']);
      ws.addRow(['SD-2026-001', '省级督察交办', '龙潭河沿岸养殖废水直排', '龙潭镇', '完成截污', '建设收集池', '龙潭镇人民政府', '县农业农村局', '张副镇长', '李四', new Date(Date.UTC(2026, 5, 30))]);
      ws.addRow(['SD-2026-002', source2, '城区夜间施工噪声扰民', '城关街道', '', '限时施工', '城关街道办事处', '', '', '王五', '2026年12月31日']);
      ws.addRow(['SD-2026-003', '中央督察交办', '工业园区雨污混流', '黄坑镇', '', '', '黄坑镇人民政府', '', '', '赵六', deadline3]);
      const file = join(dir, `list-${deadline3.replace(/\W/g, '')}.xlsx`);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const bad = qingshui('import', 'findings', await build('2023.13.45', '上级转来'), '--data', dir, '--json');
    expect(bad.code).toBe(1);
    const messages = (JSON.parse(bad.out).problems as { message: string }[]).map((p) => p.message);
    expect(messages).toContain('第 5 行 K 列：整改时限“2023.13.45”不是有效日期（如 2026-06-30 或 2026年6月30日）');
    expect(messages.some((m) => m.startsWith('第 4 行 B 列：问题来源“上级转来”应为'))).toBe(true);
    expect(JSON.parse(qingshui('stats', '--data', dir, '--json').out).findings).toBe(before);
    const good = await build('2027.3.1', '信访投诉');
    const ok = qingshui('import', 'findings', good, '--data', dir, '--json');
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ headerRow: 2, rows: 3, created: 3, committed: true });
    const out = join(dir, 'findings.xlsx');
    qingshui('export', 'findings', '--data', dir, '--out', out, '--from', '2026-11-01');
    const rows = await dataRows(out);
    const first = rows.find((r) => r[1] === 'SD-2026-001')!;
    expect(first).toEqual(expect.arrayContaining(['省级督察交办', '龙潭河沿岸养殖废水直排', '龙潭镇', '完成截污', '龙潭镇人民政府', '县农业农村局', '张副镇长', '李四']));
    expect(rows.find((r) => r[1] === 'SD-2026-003')).toEqual(expect.arrayContaining(['中央督察交办']));
    expect(JSON.parse(qingshui('import', 'findings', good, '--data', dir, '--json').out)).toMatchObject({ created: 0, unchanged: 3 });
  });
});
