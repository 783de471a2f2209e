import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../electron/core/workbench';
import { demoWorkbench } from './helpers';

/*
 * Issue 20: sheets laid out as bureaus and provinces circulate them — title and 填报 rows, two or three
 * merged header rows, group headers (位置 → 经度/纬度, 经度 → 度/分/秒), a notes row and a column-number
 * row under the header, blank spacer rows, a totals row and a footer, a 填表说明 sheet before the register,
 * and headers worded otherwise than ours (所在乡镇, 排入水体, 企业名称, 所属镇（街道）). Each imports every row.
 */

type Cell = string | number | null;

async function workbook(sheets: { name: string; rows: Cell[][]; merges?: string[] }[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r) => ws.addRow(r));
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function county(wb: Workbench) {
  const towns = (await wb.call('places.regions', {})).filter((r) => r.level === 'town');
  const water = await wb.call('places.water', {});
  return { towns, waterBodies: water.waterBodies };
}

describe('ledgers in real layouts (issue 20)', () => {
  it('an outfall ledger saying 所在乡镇 and 排入水体, with a group header over the coordinates, blank or older 细类, notes, totals and a footer, imports every row', async () => {
    const wb = await demoWorkbench();
    const { towns, waterBodies } = await county(wb);
    const [t1, t2] = towns;
    const w = waterBodies[0].name;
    const base64 = await workbook([{
      name: '排口台账',
      rows: [
        ['清水县入河排污口排查整治台账'],
        ['填报单位（盖章）：清水县生态环境局', null, null, null, null, null, null, '填报日期：2026年11月30日'],
        ['序号', '排污口名称', '排污口编码', '所在乡镇', '所在村', '位置', null, '排入水体', '排污口类型', '排污口细类', '入河方式', '排放规律', '责任主体', '备注'],
        [null, null, null, null, null, '经度（°）', '纬度（°）'],
        ['（填写说明：坐标采用 CGCS2000，小数度或度分秒）'],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
        [1, '东门工业区雨污混排口', 'LAYOUT-0001', t1.name, null, 115.061234, 25.901234, w, '工业排污口', null, '明渠', '连续排放', null, null],
        [2, '老街生活污水排口', 'LAYOUT-0002', `${t2.name.replace(/(镇|乡|街道)$/, '')}`, null, "115°03'40.5\"", "25°54'10.2\"", w, '生活污水排污口', null, '暗管', '间歇', null, '二污普时登记'],
        [],
        [3, '城北雨洪排口', 'LAYOUT-0003', t1.name, null, 115.07, 25.91, w, null, '城镇雨洪排口', '管道', '间歇排放', null, null],
        ['合计', '3 个'],
        ['负责人：', null, '审核人：', null, '填表人：'],
      ],
      merges: ['A1:N1', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:G3', 'H3:H4', 'I3:I4', 'J3:J4', 'K3:K4', 'L3:L4', 'M3:M4', 'N3:N4'],
    }]);
    const dry = await wb.call('ledgers.import', { kind: 'outfalls', fileName: '排口台账.xlsx', base64, dryRun: true });
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ rows: 3, created: 3, invalid: 0, missing: [] });
    expect(dry.headers.find((h) => h.text === '所在乡镇')?.field).toBe('townName');
    expect(dry.headers.find((h) => h.text === '排入水体')?.field).toBe('waterBodyName');
    const said = dry.warnings.map((x) => x.message).join('\n');
    expect(said).toMatch(/第 7 行.*未填细类：按“暂无法确定”导入，待核定/);
    expect(said).toMatch(/第 8 行.*“生活污水排污口”按现行分类定为“其他排口”（细类“城镇生活污水散排口”）/);
    expect(said).toMatch(/第 8 行.*入河方式“暗管”按现行“管道”导入/);
    expect(said).toMatch(/第 10 行.*排口类型未填，按细类“城镇雨洪排口”定为“其他排口”/);
    const done = await wb.call('ledgers.import', { kind: 'outfalls', fileName: '排口台账.xlsx', base64, dryRun: false });
    expect(done.committed).toBe(true);
    const rows = (await wb.call('outfalls.list', { q: 'LAYOUT', limit: 10 })).rows;
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('LAYOUT-0001')).toMatchObject({ type: '暂无法确定', subType: '暂无法确定', townCode: t1.code });
    expect(byCode.get('LAYOUT-0002')).toMatchObject({ type: '其他排口', subType: '城镇生活污水散排口', townCode: t2.code });
    const o2 = await wb.call('outfalls.get', { id: byCode.get('LAYOUT-0002')!.id });
    expect(o2).toMatchObject({ entryMode: '管道', dischargePattern: '间歇排放' });
    expect(o2.lon).toBeCloseTo(115 + 3 / 60 + 40.5 / 3600, 6);
  });

  it('an enterprise register after a 填表说明 sheet, 度/分/秒 split over three columns under 经度 and 纬度, a blank USCC, a wrong check character and a USCC read from the permit number', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const t = towns[0];
    const base64 = await workbook([
      { name: '填表说明', rows: [['填表说明'], ['1. 坐标请填写度、分、秒'], ['2. 统一社会信用代码填18位']] },
      {
        name: '企业名录',
        rows: [
          ['清水县排污单位名录'],
          ['序号', '基本情况', null, null, '所属镇（街道）', '地理坐标', null, null, null, null, null, '联系电话'],
          [null, '企业名称', '统一社会信用代码', '排污许可证编号', null, '经度', null, null, '纬度', null, null, null],
          [null, null, null, null, null, '度', '分', '秒', '度', '分', '秒', null],
          [1, '清水县张记豆腐坊', null, null, t.name, 115, 3, 36.5, 25, 54, 7.2, '13907970001'],
          [2, '清水县鸿运石材有限公司', '91360799MA35XXXXXA', null, t.name, 115, 4, 0, 25, 55, 0, '13907970002'],
          [3, '清水县绿源养殖专业合作社', null, '93360799MA35B2C84K001V', t.name, 115, 5, 12, 25, 56, 30, '13907970003'],
        ],
        merges: ['A1:L1', 'A2:A4', 'B2:D2', 'E2:E4', 'F2:K2', 'F3:H3', 'I3:K3', 'L2:L4', 'B3:B4', 'C3:C4', 'D3:D4'],
      },
    ]);
    const dry = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录.xlsx', base64, dryRun: true });
    expect(dry.sheet).toBe('企业名录');
    expect(dry.sheets).toEqual(['填表说明', '企业名录']);
    expect(dry.problems).toEqual([]);
    expect(dry).toMatchObject({ rows: 3, created: 3 });
    const said = dry.warnings.map((x) => x.message).join('\n');
    expect(said).toMatch(/第 5 行.*未填统一社会信用代码/);
    expect(said).toMatch(/第 6 行.*校验位不符（按 GB 32100 应为“.”）/);
    expect(said).toMatch(/第 7 行.*按排污许可证编号取前 18 位“93360799MA35B2C84K”/);
    await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录.xlsx', base64, dryRun: false });
    const tofu = (await wb.call('enterprises.list', { q: '张记豆腐坊', limit: 1 })).rows[0];
    const e = await wb.call('enterprises.get', { id: tofu.id });
    // Whole coordinates from all three columns — never the 度 column alone.
    expect(e.lon).toBeCloseTo(115 + 3 / 60 + 36.5 / 3600, 6);
    expect(e.lat).toBeCloseTo(25 + 54 / 60 + 7.2 / 3600, 6);
    expect(e.uscc).toBe('');
  });

  it('a town cell merged down over the rows of its enterprises (as clerks group them) gives each row that town', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const [t1, t2] = towns;
    const base64 = await workbook([{
      name: '名录',
      rows: [
        ['序号', '乡镇', '单位名称', '联系电话'],
        [1, t1.name, '清水县合并甲厂', '13907970101'],
        [2, null, '清水县合并乙厂', '13907970102'],
        [3, null, '清水县合并丙厂', '13907970103'],
        [4, t2.name, '清水县合并丁厂', '13907970104'],
      ],
      merges: ['B2:B4'],
    }]);
    const done = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录.xlsx', base64, dryRun: false });
    expect(done).toMatchObject({ committed: true, created: 4, invalid: 0 });
    const rows = (await wb.call('enterprises.list', { q: '清水县合并', limit: 10 })).rows;
    expect(Object.fromEntries(rows.map((r) => [r.name, r.townCode]))).toEqual({
      清水县合并甲厂: t1.code, 清水县合并乙厂: t1.code, 清水县合并丙厂: t1.code, 清水县合并丁厂: t2.code,
    });
  });

  it('a sheet with more findings than a report lists: the first 1,000 of each are listed, the rest counted, nothing written', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const before = (await wb.call('workspace.stats', {})).enterprises;
    // 1,500 rows without a USCC (a warning each) and 1,200 of them with a phone number that is not one (a problem each).
    const rows: Cell[][] = [['单位名称', '乡镇', '联系电话']];
    for (let i = 1; i <= 1500; i++) rows.push([`清水县批量${i}号厂`, towns[0].name, i <= 1200 ? '电话待补' : '13907970200']);
    const base64 = await workbook([{ name: 'S', rows }]);
    const r = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'many.xlsx', base64, dryRun: false });
    expect(r).toMatchObject({ committed: false, rows: 1500, invalid: 1200 });
    expect(r.problems).toHaveLength(1000);
    expect(r.omitted.problems).toBe(200);
    expect(r.warnings).toHaveLength(1000);
    expect(r.omitted.warnings).toBe(500);
    expect((await wb.call('workspace.stats', {})).enterprises).toBe(before);
  });

  it('a phone number masked as our exports show it (138****5678) is no value: a new record gets none, an existing one keeps its own', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const e = (await wb.call('enterprises.list', { limit: 1 })).rows[0];
    const full = await wb.call('enterprises.get', { id: e.id });
    await wb.call('enterprises.update', { id: e.id, patch: { contactPhone: '13907971234' } });
    const base64 = await workbook([{ name: 'S', rows: [
      ['单位名称', '统一社会信用代码', '乡镇', '联系电话'],
      [full.name, full.uscc, towns.find((t) => t.code === full.townCode)!.name, '139****1234'],
      ['清水县脱敏号码新厂', '', towns[0].name, '158****2766'],
    ] }]);
    const r = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'm.xlsx', base64, dryRun: false });
    expect(r).toMatchObject({ committed: true, created: 1, invalid: 0 });
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/联系电话“158\*\*\*\*2766”是脱敏显示的号码，未导入/);
    expect((await wb.call('enterprises.get', { id: e.id })).contactPhone).toBe('13907971234');
    const created = (await wb.call('enterprises.list', { q: '脱敏号码新厂', limit: 1 })).rows[0];
    expect((await wb.call('enterprises.get', { id: created.id })).contactPhone).toBe('');
  });

  it('a split coordinate missing its 分 is refused at that cell, nothing written', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const before = (await wb.call('workspace.stats', {})).enterprises;
    const base64 = await workbook([{
      name: 'Sheet1',
      rows: [
        ['单位名称', '乡镇', '经度', null, null, '纬度', null, null],
        [null, null, '度', '分', '秒', '度', '分', '秒'],
        ['清水县某某厂', towns[0].name, 115, null, 36, 25, 54, 7],
      ],
      merges: ['A1:A2', 'B1:B2', 'C1:E1', 'F1:H1'],
    }]);
    const r = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'x.xlsx', base64, dryRun: false });
    expect(r.committed).toBe(false);
    expect(r.problems.map((p) => p.message).join()).toMatch(/第 3 行 D 列：经度的度、分、秒“115 \/  \/ 36”不完整/);
    expect((await wb.call('workspace.stats', {})).enterprises).toBe(before);
  });

  it('an ambiguous column is offered with its best guesses; a mapping the person confirms is remembered for the next sheet with the same header', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const base64 = await workbook([{ name: 'S', rows: [['单位名称', '乡镇', '环保'], ['清水县甲厂', towns[0].name, '张三 13907970009']] }]);
    const first = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'a.xlsx', base64, dryRun: true });
    const env = first.headers.find((h) => h.text === '环保')!;
    expect(env.field).toBeNull();
    const done = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'a.xlsx', base64, dryRun: false, mapping: { [String(env.col)]: 'contactBoth' } });
    expect(done.committed).toBe(true);
    const again = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'b.xlsx', base64, dryRun: true });
    expect(again.headers.find((h) => h.text === '环保')!.field).toBe('contactBoth');
  });

  it('an update says per field what changes; a coordinate off by its notation’s rounding is not an update', async () => {
    const wb = await demoWorkbench();
    const { towns } = await county(wb);
    const created = await wb.call('enterprises.create', {
      name: '清水县测绘比对厂', uscc: '', townCode: towns[0].code, lon: 115.060145, lat: 25.902, coordSystem: 'CGCS2000', contactPhone: '13807970001',
    } as never);
    expect(created.enterprise.id).toBeTruthy();
    const base64 = await workbook([{ name: 'S', rows: [['企业名称', '所在乡镇', '经度', '纬度', '联系电话'], ['清水县测绘比对厂', towns[0].name, "115°3'36.5\"", '25.902', '13907970001']] }]);
    const r = await wb.call('ledgers.import', { kind: 'enterprises', fileName: 'c.xlsx', base64, dryRun: true });
    expect(r.updated).toBe(1);
    expect(r.changes[0].fields.map((f) => `${f.label} ${f.from} → ${f.to}`)).toEqual(['联系电话 13807970001 → 13907970001']);
    expect(r.warnings.map((w) => w.message).join()).toMatch(/经度 与现值相差 [\d.]+ m，不更新/);
  });

  it('a wide ledger is exported on A3 landscape fitted to the page width when asked', async () => {
    const wb = await demoWorkbench();
    const { exportFile } = await import('../../electron/services/ledgers/exports-folder');
    const { openExport } = await import('../../electron/store/sealed-exports');
    const r = await wb.call('ledgers.export', { ledgerId: 'findings', filters: {}, paper: 'A3' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(openExport(exportFile(wb.store.file, r.file.name)!)! as unknown as ArrayBuffer);
    expect(book.worksheets[0].pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0 });
  });
});
