import { describe, expect, it } from 'vitest';
import { OUTFALL_TYPES } from '../../shared/domain/outfall-types';
import { demoWorkbench, outfallDraft } from './helpers';

describe('排污口分类 as a setting (issue 19)', () => {
  it('a province’s own 细类 is taken, one it dropped is refused, the national list stays for types it did not set', async () => {
    const wb = await demoWorkbench();
    await wb.call('workspace.updateSettings', { outfallSubTypes: { 其他排口: ['农田退水排口', '城镇雨洪排口', '其他'] } });
    expect((await wb.call('workspace.info', {})).settings.outfallSubTypes).toEqual({ 其他排口: ['农田退水排口', '城镇雨洪排口', '其他'] });
    const ok = await wb.call('outfalls.create', await outfallDraft(wb, { type: '其他排口', subType: '农田退水排口', name: '清水河农田退水口' }));
    expect(ok.outfall.subType).toBe('农田退水排口');
    const dropped = await wb.dispatch('outfalls.create', await outfallDraft(wb, { type: '其他排口', subType: '港口码头排口', name: '码头排口' }));
    expect(dropped.ok ? {} : dropped.error.details?.fields).toMatchObject({ subType: '排污口细类：细类“港口码头排口”不属于“其他排口”' });
    const national = await wb.call('outfalls.create', await outfallDraft(wb, { type: '工业排污口', subType: OUTFALL_TYPES.工业排污口[0], name: '某厂排污口', code: 'QS-NEW-0002' }));
    expect(national.outfall.subType).toBe('工业企业排污口');
  });

  it('refuses a 细类 named under two types, and an empty name; nothing is written', async () => {
    const wb = await demoWorkbench();
    const before = (await wb.call('workspace.info', {})).settings.outfallSubTypes;
    const twice = await wb.dispatch('workspace.updateSettings', { outfallSubTypes: { 其他排口: ['其他'], 农业排口: ['其他'] } });
    expect(twice.ok ? '' : JSON.stringify(twice.error)).toContain('同一细类不能出现在两个类型中');
    const empty = await wb.dispatch('workspace.updateSettings', { outfallSubTypes: { 其他排口: ['  '] } });
    expect(empty.ok ? '' : JSON.stringify(empty.error)).toContain('细类名称不能为空');
    expect((await wb.call('workspace.info', {})).settings.outfallSubTypes).toEqual(before);
  });
});
