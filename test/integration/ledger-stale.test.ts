import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../electron/core/workbench';
import { exportFile } from '../../electron/services/ledgers/exports-folder';
import { openExport } from '../../electron/store/sealed-exports';
import { demoWorkbench, tempDir } from './helpers';

/*
 * Issue 20: a stale sheet never undoes newer work. A register exported, edited by a clerk, and imported
 * after colleagues changed the same records: unchanged cells keep the newer values, the clerk's edits are
 * applied, an edit of a field changed on both sides is a conflict decided by the person.
 */

async function exported(wb: Workbench, ledgerId: string): Promise<ExcelJS.Workbook> {
  const r = await wb.call('ledgers.export', { ledgerId, filters: {} });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(openExport(exportFile(wb.store.file, r.file.name)!)! as unknown as ArrayBuffer);
  return book;
}

/** The sheet's data row of a record by its name (the header block is 2 + depth rows). */
function rowOf(ws: ExcelJS.Worksheet, name: string): ExcelJS.Row {
  let found: ExcelJS.Row | null = null;
  ws.eachRow((row) => { if (row.getCell(2).value === name) found = row; });
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

const col = (ws: ExcelJS.Worksheet, header: string) => {
  let at = 0;
  ws.getRow(3).eachCell((c, n) => { if (c.value === header) at = n; });
  ws.getRow(4).eachCell((c, n) => { if (c.value === header) at = n; });
  if (!at) throw new Error(`no column ${header}`);
  return at;
};

describe('a stale sheet (issue 20)', () => {
  it('keeps what the clerk did not touch, applies what only the clerk changed, asks about a field changed on both sides', async () => {
    const wb = await demoWorkbench();
    const list = (await wb.call('enterprises.list', { limit: 3 })).rows;
    const [a, b, c] = await Promise.all(list.map((e) => wb.call('enterprises.get', { id: e.id })));
    const book = await exported(wb, 'enterprises');
    const ws = book.worksheets[0];
    expect(book.worksheets.map((s) => [s.name, s.state])).toContainEqual(['清水导出信息', 'hidden']);
    const phone = col(ws, '联系电话');
    const address = col(ws, '详细地址');
    // After the export: colleagues change b's address and c's phone here.
    await wb.call('enterprises.update', { id: b.id, patch: { address: '城关镇新华路 88 号（已搬迁）' } });
    await wb.call('enterprises.update', { id: c.id, patch: { contactPhone: '13900000003' } });
    // Meanwhile the clerk edits a's phone and c's phone in the sheet, and leaves b alone.
    rowOf(ws, a.name).getCell(phone).value = '13700000001';
    rowOf(ws, c.name).getCell(phone).value = '13700000003';
    const file = join(tempDir(), '名录-改.xlsx');
    await book.xlsx.writeFile(file);
    const base64 = (await import('node:fs')).readFileSync(file).toString('base64');

    const dry = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录-改.xlsx', base64, dryRun: true });
    expect(dry.exportedAt).toBeTruthy();
    expect(dry.problems).toEqual([]);
    expect(dry.changes.map((x) => `${x.name}：${x.fields.map((f) => `${f.label} ${f.from} → ${f.to}`).join('；')}`)).toEqual([`${a.name}：联系电话 ${a.contactPhone || '（空）'} → 13700000001`]);
    expect(dry.kept).toBeGreaterThanOrEqual(1); // b's address (and c's too) stay as changed here
    expect(dry.conflicts).toMatchObject([{ name: c.name, label: '联系电话', sheet: '13700000003', current: '13900000003', reason: 'export' }]);
    expect(dry.conflicts[0].by).not.toBe('—');

    // Not decided: nothing is written.
    const refused = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录-改.xlsx', base64, dryRun: false });
    expect(refused.committed).toBe(false);
    expect((await wb.call('enterprises.get', { id: a.id })).contactPhone).toBe(a.contactPhone);

    // Decided (keep the current phone of c): a's phone applied, b's newer address kept, c's newer phone kept.
    const done = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录-改.xlsx', base64, dryRun: false, resolutions: { [`${dry.conflicts[0].row}:contactPhone`]: 'current' } });
    expect(done.committed).toBe(true);
    expect((await wb.call('enterprises.get', { id: a.id })).contactPhone).toBe('13700000001');
    expect((await wb.call('enterprises.get', { id: b.id })).address).toBe('城关镇新华路 88 号（已搬迁）');
    expect((await wb.call('enterprises.get', { id: c.id })).contactPhone).toBe('13900000003');
    void address;
  });

  it('a hidden export record edited to pass a change off as the exported value breaks its signature: the sheet is compared as a clerk’s own, and the change is asked about', async () => {
    const wb = await demoWorkbench();
    const list = (await wb.call('enterprises.list', { limit: 2 })).rows;
    const [a, c] = await Promise.all(list.map((e) => wb.call('enterprises.get', { id: e.id })));
    const book = await exported(wb, 'enterprises');
    const ws = book.worksheets[0];
    const phone = col(ws, '联系电话');
    await wb.call('enterprises.update', { id: c.id, patch: { contactPhone: '13900000003' } });
    rowOf(ws, a.name).getCell(phone).value = '13700000001';
    rowOf(ws, c.name).getCell(phone).value = '13700000003';
    // The forger: c's phone "as exported" set to the newer value here, so the sheet's phone would look like the only change.
    const info = book.getWorksheet('清水导出信息')!;
    const headers = (info.getRow(1).values as unknown[]).slice(6).map(String);
    const at = headers.indexOf('联系电话');
    expect(at).toBeGreaterThanOrEqual(0);
    info.eachRow((row) => { if (row.getCell(1).value === c.id) row.getCell(3 + at).value = '13900000003'; });
    const file = join(tempDir(), '名录-伪造.xlsx');
    await book.xlsx.writeFile(file);
    const base64 = (await import('node:fs')).readFileSync(file).toString('base64');

    const dry = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录-伪造.xlsx', base64, dryRun: true });
    expect(dry.exportCheck).toBe('unverified');
    expect(dry.exportedAt).toBeNull();
    expect(dry.conflicts.filter((x) => x.name === c.name)).toMatchObject([{ label: '联系电话', sheet: '13700000003', current: '13900000003', reason: 'since' }]);
    const refused = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录-伪造.xlsx', base64, dryRun: false });
    expect(refused.committed).toBe(false);
    expect((await wb.call('enterprises.get', { id: c.id })).contactPhone).toBe('13900000003');

    // The untouched export of the same register is believed.
    const clean = join(tempDir(), '名录.xlsx');
    await (await exported(wb, 'enterprises')).xlsx.writeFile(clean);
    const again = await wb.call('ledgers.import', { kind: 'enterprises', fileName: '名录.xlsx', base64: (await import('node:fs')).readFileSync(clean).toString('base64'), dryRun: true });
    expect(again).toMatchObject({ exportCheck: 'signed', conflicts: [], updated: 0 });
  });

  it('a clerk’s own sheet (not our export): the CLI lists what it would overwrite that changed here since --since, and --prefer decides', async () => {
    const dir = join(tempDir(), 'ws');
    const BIN = join(__dirname, '..', '..', 'bin', 'qingshui.cjs');
    const env = { ...process.env, QINGSHUI_UNLOCK: 'admin:Qingshui2026' };
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
    expect(run('demo', '--data', dir).status).toBe(0);
    const out = join(dir, 'outfalls.xlsx');
    expect(run('export', 'outfalls', '--data', dir, '--out', out).status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    // The clerk's copy: retyped into their own workbook (no hidden sheet), one name's 整治进展 note edited.
    book.removeWorksheet(book.getWorksheet('清水导出信息')!.id);
    const ws = book.worksheets[0];
    const note = col(ws, '备注');
    const first = ws.getRow(5);
    const name = String(first.getCell(2).value);
    first.getCell(note).value = '表中：已现场核实';
    ws.spliceColumns(ws.columnCount, 1);
    await book.xlsx.writeFile(out);
    const dry = run('import', 'outfalls', out, '--data', dir, '--dry-run', '--json', '--since', '2000-01-01');
    expect(dry.status, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as { updated: number; conflicts: { name: string; label: string; sheet: string; reason: string }[]; exportedAt: string | null };
    expect(report.exportedAt).toBeNull();
    expect(report.conflicts).toMatchObject([{ name, label: '备注', sheet: '表中：已现场核实', reason: 'since' }]);
    const refused = run('import', 'outfalls', out, '--data', dir, '--since', '2000-01-01');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('处冲突未决定，未导入（--prefer sheet|current）');
    const done = run('import', 'outfalls', out, '--data', dir, '--since', '2000-01-01', '--prefer', 'sheet', '--json');
    expect(done.status, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ updated: 1, committed: true, conflicts: [] });
    // With the file's own modified time (the default), nothing changed here since: no conflict.
    const again = run('import', 'outfalls', out, '--data', dir, '--dry-run', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ updated: 0, conflicts: [] });
  }, 90_000); // a demo, an export and four CLI imports
});
