import { describe, expect, it } from 'vitest';
import type { TemplateDefinition } from '../../shared/checklist/template';
import { demoWorkbench, enterpriseDraft, outfallDraft } from './helpers';

/*
 * Issue 19, through the services: a target names its 执行标准; an inspection started on it judges the
 * sampled readings against those limits, and the frozen record states the limit and the standard.
 */

describe('discharge judged against the target\'s discharge limits (issue 19)', () => {
  it('a treatment plant outfall on GB 18918-2002 一级A: COD 55 mg/L is a problem naming the standard; the record states the limit', async () => {
    const wb = await demoWorkbench();
    const { outfall } = await wb.call('outfalls.create', await outfallDraft(wb, {
      name: '清水河城关污水处理厂总排口', type: '城镇污水处理厂排污口', subType: '城镇污水处理厂排污口', code: null, codeState: '暂不掌握',
      dischargeStandard: 'GB18918-2002/1A',
    }));
    expect(outfall.dischargeStandard).toBe('GB18918-2002/1A');
    const officers = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.certificateNo).slice(0, 2);
    const { id } = await wb.call('inspections.start', { templateId: 'builtin:outfall-survey@2', targetKind: 'outfall', targetId: outfall.id, officerIds: officers.map((o) => o.id) });
    const view = await wb.call('inspections.get', { id });
    expect(view.targetExtra.dischargeStandard).toBe('GB18918-2002/1A');
    await wb.call('inspections.answer', { id, itemId: 'test.sampled', value: 'yes' });
    await wb.call('inspections.answer', { id, itemId: 'test.temp', value: 16 });
    const cod = await wb.call('inspections.answer', { id, itemId: 'test.cod', value: 55 });
    expect(cod.failing).toBe(true);
    const nh3n = await wb.call('inspections.answer', { id, itemId: 'test.nh3n', value: 4.2 });
    expect(nh3n.failing).toBe(false);
    const f = cod.findings.find((x) => x.itemId === 'test.cod')!;
    expect(f.legalBasis).toContain('GB 18918-2002 一级A标准');
    expect(f.description).toContain('排放限值');
    const def = (await wb.call('inspections.get', { id })).template.definition as TemplateDefinition;
    const item = def.sections.flatMap((s) => s.items).find((i) => i.id === 'test.cod')!;
    expect(item).toMatchObject({ max: 50, standard: 'GB 18918-2002 一级A标准' });
    // The register changes later: the inspection keeps the limits it started with.
    await wb.call('outfalls.update', { id: outfall.id, patch: { dischargeStandard: 'GB18918-2002/2' } });
    expect((await wb.call('inspections.answer', { id, itemId: 'test.cod', value: 55 })).failing).toBe(true);
  });

  it('an enterprise with no standard set: a reading is recorded, not judged; by its permit, judged as entered; "by permit" without limits is refused in Chinese', async () => {
    const wb = await demoWorkbench();
    const refused = await wb.dispatch('enterprises.create', await enterpriseDraft(wb, { dischargeStandard: 'permit' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('请填写限值依据') } });
    const unknown = await wb.dispatch('enterprises.create', await enterpriseDraft(wb, { dischargeStandard: 'GB3838-2002/5' }));
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringContaining('执行标准') } });
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb, { uscc: '91360799MA35X0XB4Q', name: '清水县测试印染有限公司' }));
    const officers = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.certificateNo).slice(0, 2);
    const start = () => wb.call('inspections.start', { templateId: 'builtin:industrial@2', targetKind: 'enterprise', targetId: enterprise.id, officerIds: officers.map((o) => o.id) });
    const a = await start();
    await wb.call('inspections.answer', { id: a.id, itemId: 'emissions.sampled', value: 'yes' });
    expect((await wb.call('inspections.answer', { id: a.id, itemId: 'emissions.cod', value: 900 })).failing).toBe(false);
    await wb.call('enterprises.update', { id: enterprise.id, patch: { dischargeStandard: 'permit', permitLimits: { standardName: 'GB 4287-2012 表2 直接排放', cod: { max: 80 } } } });
    const b = await start();
    await wb.call('inspections.answer', { id: b.id, itemId: 'emissions.sampled', value: 'yes' });
    const r = await wb.call('inspections.answer', { id: b.id, itemId: 'emissions.cod', value: 90 });
    expect(r.failing).toBe(true);
    expect(r.findings.find((x) => x.itemId === 'emissions.cod')!.legalBasis).toContain('GB 4287-2012 表2 直接排放');
  });
});
