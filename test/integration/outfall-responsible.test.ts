import { describe, expect, it } from 'vitest';
import { demoWorkbench, outfallDraft } from './helpers';

describe('an outfall\'s 责任主体, 审批/备案 and 整治 (issue 19)', () => {
  it('a village committee answers for an outfall (name, USCC, contact); a completion date agrees with the progress; an inspection names the body', async () => {
    const wb = await demoWorkbench();
    const base = await outfallDraft(wb);
    expect(await wb.dispatch('outfalls.create', { ...base, responsibleKind: '村（居）民委员会' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('请填写责任主体名称') } });
    expect(await wb.dispatch('outfalls.create', { ...base, responsibleKind: '其他单位', responsibleName: '某公司', responsibleUscc: '123' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('统一社会信用代码') } });
    expect(await wb.dispatch('outfalls.create', { ...base, remediationCategory: '规范整治', remediationState: '整治中', remediationDoneAt: '2026-06-20' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('整治进展应为') } });
    const { outfall } = await wb.call('outfalls.create', {
      ...base, responsibleKind: '村（居）民委员会', responsibleName: '城关街道东门社区居民委员会', responsibleContact: '李主任', responsiblePhone: '0797-6821369',
      approvalNumber: '清环排口备〔2025〕3号', approvalDate: '2025-06-18', remediationCategory: '规范整治', remediationState: '已销号', remediationMeasures: '截污纳管，规范设置标志牌',
      remediationPlannedAt: '2026-06-30', remediationDoneAt: '2026-06-20', postMonitoring: '2026-07-02 采样 COD 28 mg/L', closureEvidence: '整治前后照片、监测报告、街道验收意见',
    });
    expect(outfall).toMatchObject({ responsibleKind: '村（居）民委员会', responsibleName: '城关街道东门社区居民委员会', approvalDate: '2025-06-18', remediationDoneAt: '2026-06-20' });
    const officers = (await wb.call('people.list', { role: '执法人员' })).filter((p) => p.certificateNo).slice(0, 2);
    const { id } = await wb.call('inspections.start', { templateId: 'builtin:outfall-survey@2', targetKind: 'outfall', targetId: outfall.id, officerIds: officers.map((o) => o.id) });
    expect((await wb.call('inspections.get', { id })).targetExtra.responsibleParty).toBe('城关街道东门社区居民委员会');
  });
});
