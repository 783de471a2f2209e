import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { openExport } from '../../electron/store/sealed-exports';
import { addWorkdays } from '../../shared/domain/calendar';
import { loopWorkbench } from './helpers';
import { completeIndustrial } from './inspection-helpers';

/*
 * Issue 19, 双随机 publication: the 公示 date is the day the result was published, entered when it was —
 * never the export date; the results table carries the target's category and the matter; a result not
 * published within 20 working days of its check is flagged.
 */

describe('双随机 results are published on the day entered (issue 19)', () => {
  it('the ledger leaves 公示日期 empty until recorded, flags overdue results, and carries 类别 and 抽查事项; publish refuses a future date or one before the check', async () => {
    const wb = await loopWorkbench(40);
    const [plan] = (await wb.call('plans.list', {})).filter((p) => p.state === 'released');
    // Two of the drawn enterprises are inspected (the record finalized): their results wait to be published.
    for (const t of (await wb.call('plans.get', { id: plan.id })).tasks.slice(0, 2)) {
      const officers = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.certificateNo).slice(0, 2);
      const { id } = await wb.call('inspections.start', { templateId: 'builtin:industrial@1', targetKind: 'enterprise', targetId: t.targetId, officerIds: officers.map((o) => o.id) });
      await completeIndustrial(wb, id, officers.map((o) => o.id));
      await wb.call('inspections.finalize', { id });
    }
    const { tasks } = await wb.call('plans.get', { id: plan.id });
    const checked = tasks.filter((t) => t.inspectionId);
    expect(checked.length).toBeGreaterThan(0);
    for (const t of checked) expect(t.publishDue).toBe(addWorkdays(t.inspectedAt!.slice(0, 10), 20, { holidays: [], workdays: [] }));

    // Preview rows are the sheet's cells: 序号, 抽查事项, 名称, 信用代码, 类别, 抽查时间, 执法人员, 抽查结果, 处理情况, 公示日期, 公示情况.
    const before = await wb.call('ledgers.preview', { ledgerId: 'random-checks', limit: 200 });
    const first = before.rows.find((r) => r[2] === checked[0].targetName)!;
    expect(first[9]).toBe('');
    expect(first[4]).toBe(checked[0].category);
    expect(first[1]).toBe(plan.matter);
    expect(first[10]).toMatch(/待公示|逾期未公示/);

    const today = (await wb.call('workspace.info', {})).today;
    await expect(wb.call('plans.publish', { id: plan.id, publishedAt: '2099-01-01' })).rejects.toThrow('晚于今天');
    await expect(wb.call('plans.publish', { id: plan.id, publishedAt: '2020-01-01' })).rejects.toThrow('公示日期早于检查日期');
    const latest = checked.map((t) => t.inspectedAt!.slice(0, 10)).sort().at(-1)!;
    const day = latest > today ? today : latest;
    const r = await wb.call('plans.publish', { id: plan.id, publishedAt: day });
    expect(r.published).toBe(checked.length);
    const after = (await wb.call('plans.get', { id: plan.id })).tasks.filter((t) => t.inspectionId);
    for (const t of after) expect(t.publishedAt).toBe(day);
    await expect(wb.call('plans.publish', { id: plan.id, publishedAt: day })).rejects.toThrow('没有待公示的抽查结果');

    const file = await wb.call('ledgers.export', { ledgerId: 'random-checks' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(openExport(join(wb.dataDir, 'exports', file.file.name))! as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells = sheet.getSheetValues().flat().map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')));
    expect(cells).toContain('类别');
    expect(cells).toContain('公示情况');
    expect(cells.filter((c) => c === day).length).toBeGreaterThanOrEqual(checked.length);
  });
});
