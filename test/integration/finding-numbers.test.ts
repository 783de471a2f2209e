import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportFile } from '../../electron/services/ledgers/exports-folder';
import { openExport } from '../../electron/store/sealed-exports';
import { overdueDays } from '../../shared/finding/numbering';
import { loopWorkbench } from './helpers';

describe('问题整改: days overdue and the problem number (issue 20)', () => {
  it('an overdue problem says by how many days, on screen and in the ledger; its ledger number finds it', async () => {
    const wb = await loopWorkbench(60);
    const today = (await wb.call('workspace.info', {})).today;
    const late = (await wb.call('findings.list', { overdue: true, limit: 5 })).rows;
    expect(late.length).toBeGreaterThan(0);
    const f = late[0];
    expect(f.overdueDays).toBe(overdueDays(f.deadline, today));
    expect(f.overdueDays).toBeGreaterThan(0);
    expect(f.findingNo).toMatch(/^(\d{4}-[0-9A-F]{6}|.+)$/);
    // The number the ledger prints is searchable in the app.
    const found = (await wb.call('findings.list', { q: f.findingNo, limit: 5 })).rows.map((r) => r.id);
    expect(found).toContain(f.id);

    const r = await wb.call('ledgers.export', { ledgerId: 'findings', filters: {} });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(openExport(exportFile(wb.store.file, r.file.name)!)! as unknown as ArrayBuffer);
    const ws = book.worksheets[0];
    const header = (text: string) => { let at = 0; for (const n of [3, 4]) ws.getRow(n).eachCell((c, i) => { if (c.value === text) at = i; }); return at; };
    const [noCol, lateCol, daysCol] = [header('问题编号'), header('是否超期'), header('超期天数')];
    expect(lateCol).toBeGreaterThan(0);
    let row: ExcelJS.Row | null = null;
    ws.eachRow((x) => { if (x.getCell(noCol).value === f.findingNo) row = x; });
    expect(row).not.toBeNull();
    expect(row!.getCell(lateCol).value).toBe('是');
    expect(row!.getCell(daysCol).value).toBe(f.overdueDays);
  });

  it('counts calendar days past the deadline', () => {
    expect(overdueDays('2026-12-01', '2026-12-05')).toBe(4);
    expect(overdueDays('2026-12-05', '2026-12-05')).toBe(0);
    expect(overdueDays('2027-01-01', '2026-12-05')).toBe(0);
  });

  it('交办: a person from the directory answers for their own unit — another unit is refused', async () => {
    const wb = await loopWorkbench(20);
    const open = (await wb.call('findings.list', { unfinished: true, limit: 2 })).rows;
    const person = (await wb.call('people.list', {})).find((p) => p.unit)!;
    const wrong = await wb.dispatch('findings.assign', { ids: [open[0].id], responsibleUnit: '某某无关单位', responsiblePerson: person.name, personId: person.id });
    expect(wrong.ok ? '' : wrong.error.message).toContain(`责任人${person.name}属于“${person.unit}”`);
    expect((await wb.call('findings.get', { id: open[0].id })).finding.responsibleUnit).toBe(open[0].responsibleUnit);
    await wb.call('findings.assign', { ids: [open[0].id], responsibleUnit: person.unit, responsiblePerson: person.name, personId: person.id });
    expect((await wb.call('findings.get', { id: open[0].id })).finding).toMatchObject({ responsibleUnit: person.unit, responsiblePerson: person.name });
  });

  it('公示期满 is offered only once the notice has ended', async () => {
    const wb = await loopWorkbench(60);
    const today = (await wb.call('workspace.info', {})).today;
    const noticed = (await wb.call('findings.list', { state: 'noticed', limit: 50 })).rows;
    const running = noticed.find((f) => f.noticeTo && f.noticeTo > today);
    const ended = noticed.find((f) => f.noticeTo && f.noticeTo <= today);
    expect(running ?? ended).toBeTruthy();
    if (running) expect((await wb.call('findings.get', { id: running.id })).allowed).not.toContain('notice_ended');
    if (ended) expect((await wb.call('findings.get', { id: ended.id })).allowed).toContain('notice_ended');
  });
});
