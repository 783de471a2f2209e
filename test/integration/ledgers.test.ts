import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerLayout, SERIAL } from '../../shared/ledger/layout';
import { LEDGER_SPECS } from '../../shared/ledger/specs';
import { tempDir } from './helpers';
import { DEMO_ENV } from './cli-env';

const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
const qingshui = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: DEMO_ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

async function read(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0];
}

describe('ledgers', () => {
  it('lists every ledger by id and name', () => {
    const r = qingshui('ledgers', '--json');
    expect(JSON.parse(r.out)).toEqual(LEDGER_SPECS.map((s) => ({ id: s.id, name: s.name })));
    expect(JSON.parse(r.out).map((l: { id: string }) => l.id)).toEqual(['enterprises', 'outfalls', 'inspections', 'findings', 'complaints', 'cases', 'random-checks']);
  });

  it('lays grouped headers out with spans: groups across, short headers down, 序号 over all rows', () => {
    const outfalls = LEDGER_SPECS.find((s) => s.id === 'outfalls')!;
    const { depth, cells } = headerLayout([SERIAL, ...outfalls.columns]);
    expect(depth).toBe(2);
    expect(cells.find((c) => c.text === '序号')).toEqual({ text: '序号', row: 1, col: 1, rowSpan: 2, colSpan: 1 });
    expect(cells.find((c) => c.text === '位置')).toMatchObject({ row: 1, colSpan: 4, rowSpan: 1 });
    expect(cells.filter((c) => c.row === 2).map((c) => c.text).slice(0, 6)).toEqual(['类型', '细类', '乡镇（街道）', '村（社区）', '经度', '纬度']);
  });

  it('exports every available ledger of the demo county in the required format, read back cell by cell', async () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    // Every ledger has records in the demo county (the closed loop's too: 295 + 12 handed-down findings, complaints, cases, a released plan).
    const expected: Record<string, number> = { enterprises: 400, outfalls: 200, inspections: 560, findings: 307, complaints: 60, cases: 10, 'random-checks': 22 };
    for (const [id, rows] of Object.entries(expected)) {
      const spec = LEDGER_SPECS.find((s) => s.id === id)!;
      const out = join(dir, `${id}.xlsx`);
      const r = qingshui('export', id, '--data', dir, '--out', out);
      expect(r.code, r.err).toBe(0);
      const ws = await read(out);
      const n = spec.columns.length + 1;
      const { depth, cells } = headerLayout([SERIAL, ...spec.columns]);
      // Title merged across the full width; the 填报单位 row.
      expect(ws.getCell(1, 1).value).toBe(spec.title.replace('{county}', '清水县'));
      expect(ws.getCell(1, n).isMerged && ws.getCell(1, n).master.address).toBe('A1');
      expect(ws.getCell(1, 1).font?.name).toBe('黑体');
      expect(String(ws.getCell(2, 1).value)).toBe('填报单位（盖章）：清水县生态环境局');
      // Headers with their merges, 序号 spanning them.
      for (const h of cells) {
        const cell = ws.getCell(2 + h.row, h.col);
        expect(cell.value).toBe(h.text);
        if (h.rowSpan > 1 || h.colSpan > 1) expect(ws.getCell(2 + h.row + h.rowSpan - 1, h.col + h.colSpan - 1).master.address).toBe(cell.address);
      }
      // 序号 1…N, 宋体 data with thin borders.
      const first = 3 + depth;
      for (let i = 0; i < rows; i++) expect(ws.getCell(first + i, 1).value).toBe(i + 1);
      expect(ws.getCell(first, 2).font?.name).toBe('宋体');
      expect(ws.getCell(first, 2).border?.top?.style).toBe('thin');
      // Footer rows: notes, then the signature row.
      const sign = first + rows + (spec.notes?.length ?? 0);
      expect(String(ws.getCell(sign, 1).value)).toBe('负责人：');
      expect(ws.getRow(sign).values).toContain('填表日期：');
      // Print setup: A4 landscape fit to width, header rows repeated, print area, page numbers.
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow).toBe(`3:${2 + depth}`);
      expect(ws.pageSetup.printArea).toMatch(new RegExp(`^A1:[A-Z]+${sign}$`));
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 + depth });
    }
    // The findings ledger carries close-out from the events: a closed finding has its 销号 date, acceptance and notice.
    const fl = await read(join(dir, 'findings.xlsx'));
    const findingsSpec = LEDGER_SPECS.find((s) => s.id === 'findings')!;
    const col = (key: string) => findingsSpec.columns.findIndex((c) => c.key === key) + 2;
    const closedRows: number[] = [];
    fl.eachRow((row, i) => { if (row.getCell(col('done')).value === '是') closedRows.push(i); });
    expect(closedRows.length).toBeGreaterThan(10);
    for (const key of ['closedAt', 'acceptedAt', 'noticeFrom', 'noticeTo']) expect(fl.getRow(closedRows[0]).getCell(col(key)).value).toBeInstanceOf(Date);
    // Filters: one town, and a period.
    const towns = qingshui('export', 'enterprises', '--data', dir, '--out', join(dir, 't.xlsx'), '--town', '360799101000');
    expect(towns.code, towns.err).toBe(0);
    const ws = await read(join(dir, 't.xlsx'));
    const townCol = LEDGER_SPECS[0].columns.findIndex((c) => c.key === 'townName') + 2;
    const values = new Set<unknown>();
    ws.eachRow((row, i) => { if (i > 4 && typeof row.getCell(1).value === 'number') values.add(row.getCell(townCol).value); });
    expect([...values]).toEqual(['龙潭镇']);
  }, 90_000);

  it('refuses bad requests in Chinese and writes nothing', () => {
    const dir = join(tempDir(), 'ws');
    qingshui('demo', '--data', dir);
    const cases: [string[], string][] = [
      [['export', 'nope', '--data', dir, '--out', join(dir, 'a.xlsx')], '没有编号为“nope”的台账'],
      [['export', 'findings', '--data', dir, '--out', join(dir, 'a.xlsx'), '--from', '2023.13.45'], '日期格式应为 年-月-日'],
      [['export', 'findings', '--data', dir, '--out', join(dir, 'a.xlsx'), '--from', '2026-05-01', '--to', '2026-01-01'], '起始日期不能晚于截止日期'],
      [['export', 'enterprises', '--data', dir, '--out', join(dir, 'a.xlsx'), '--town', '999999999999'], '不是本县的镇街代码'],
      [['export', 'enterprises', '--data', dir, '--out', join(dir, 'a.csv')], '应为 .xlsx 文件'],
      [['export', '--data', dir, '--out', join(dir, 'a.xlsx')], '请给出一个台账编号'],
    ];
    for (const [args, message] of cases) {
      const r = qingshui(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.err).toContain(message);
    }
    expect(existsSync(join(dir, 'a.xlsx'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
  });
});
