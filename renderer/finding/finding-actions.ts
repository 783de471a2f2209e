import type { FindingDetail } from '../../shared/api/findings';
import type { Person } from '../../shared/api/people';
import { FINDING_EVENT_LABELS, type FindingEventKind } from '../../shared/finding/states';
import type { ActionSpec } from '../closed-loop/action-form';

const files = { name: 'files', label: '佐证材料', type: 'files' } as const;

/** The form of each action a finding's page offers, filled with what the finding knows. */
export function findingActionSpecs(d: FindingDetail, people: Person[]): Partial<Record<FindingEventKind, ActionSpec>> {
  const f = d.finding;
  const staff = people.filter((p) => p.role === '镇街工作人员' || p.role === '局机关人员');
  // A county acceptance already recorded while the problem waits for the city's review.
  const countyAccepted = f.state === 'rechecked' && d.events.some((e) => e.kind === 'accepted' && !e.flag && e.data.level === 'county' && !d.events.some((r) => (r.kind === 'reopened' || r.kind === 'objection_handled') && r.hlc > e.hlc));
  return {
    assigned: {
      label: FINDING_EVENT_LABELS.assigned,
      fields: [
        { name: 'responsibleUnit', label: '责任单位', type: 'text', required: true, initial: f.responsibleUnit },
        { name: 'personId', label: '责任人（人员名录）', type: 'select', options: staff.map((p) => ({ value: p.id, label: `${p.name}（${p.unit || p.role}）` })), hint: '或在下一栏直接填写姓名',
          // The person picked answers for their own unit (issue 20): the unit and name shown are theirs.
          fills: (id): Record<string, string> => { const p = staff.find((x) => x.id === id); return p ? { responsiblePerson: p.name, ...(p.unit ? { responsibleUnit: p.unit } : {}) } : {}; } },
        { name: 'responsiblePerson', label: '责任人姓名', type: 'text', initial: f.responsiblePerson },
        { name: 'text', label: '交办要求', type: 'textarea' },
      ],
      toData: (v) => ({ responsibleUnit: v.responsibleUnit, personId: v.personId || null, responsiblePerson: v.personId ? staff.find((p) => p.id === v.personId)?.name : v.responsiblePerson }),
    },
    progress: { label: FINDING_EVENT_LABELS.progress, fields: [{ name: 'text', label: '整改进展', type: 'textarea', required: true }, files] },
    submitted: { label: FINDING_EVENT_LABELS.submitted, fields: [{ name: 'text', label: '整改完成情况', type: 'textarea' }, files] },
    rechecked: {
      label: FINDING_EVENT_LABELS.rechecked,
      fields: [
        { name: 'inspectionId', label: '复查检查记录', type: 'select', required: true, options: d.inspections.map((i) => ({ value: i.id, label: `${(i.startedAt ?? '').slice(0, 10)} ${i.templateName}${i.failingCount ? `（不符合 ${i.failingCount} 项）` : ''}` })),
          hint: d.inspections.length ? '本对象问题发现后已定稿的现场检查' : '尚无可用的复查检查记录：请先“去现场复查”完成一次检查' },
        { name: 'passed', label: '复查结论', type: 'select', required: true, options: [{ value: 'yes', label: '合格（整改到位）' }, { value: 'no', label: '不合格（整改不到位 / 反弹）' }] },
        ...(f.state === 'closed' ? [{ name: 'deadline', label: '反弹后的整改时限（不合格时）', type: 'date' as const }] : []),
        { name: 'text', label: '复查意见', type: 'textarea' },
      ],
      toData: (v) => ({ inspectionId: v.inspectionId || null, passed: v.passed === 'yes' ? true : v.passed === 'no' ? false : undefined, ...(v.deadline ? { deadline: v.deadline } : {}) }),
    },
    accepted: {
      label: FINDING_EVENT_LABELS.accepted,
      fields: [
        { name: 'level', label: '验收层级', type: 'select', required: true, initial: countyAccepted ? 'city' : 'county', options: [{ value: 'county', label: '县级验收' }, { value: 'city', label: '市级复核（督察交办问题）' }],
          hint: '中央、省级督察交办的问题须县级验收后报市级复核（设置 → 验收层级）' },
        { name: 'unit', label: '验收单位', type: 'text', required: true, initial: countyAccepted ? '市生态环境局' : '县生态环境局' }, { name: 'text', label: '验收意见', type: 'textarea' }, files,
      ],
    },
    objected: { label: FINDING_EVENT_LABELS.objected, fields: [{ name: 'text', label: '异议内容（异议人、联系方式、理由）', type: 'textarea', required: true }, files] },
    objection_handled: {
      label: FINDING_EVENT_LABELS.objection_handled,
      fields: [
        { name: 'upheld', label: '核查结论', type: 'select', required: true, options: [{ value: 'yes', label: '异议成立，退回整改' }, { value: 'no', label: '异议不成立，继续公示' }] },
        { name: 'text', label: '核查情况与理由', type: 'textarea', required: true }, files,
      ],
      toData: (v) => ({ upheld: v.upheld === 'yes' }),
    },
    notice_started: {
      label: FINDING_EVENT_LABELS.notice_started,
      fields: [{ name: 'days', label: '公示天数', type: 'number', required: true, initial: String(d.settings.noticeDays) }, { name: 'text', label: '公示方式（网站、公告栏）', type: 'textarea' }, files],
      toData: (v) => ({ days: Number(v.days) }),
    },
    notice_ended: { label: FINDING_EVENT_LABELS.notice_ended, fields: [{ name: 'text', label: '公示结果（有无异议）', type: 'textarea', initial: '公示期内无异议' }] },
    closed: { label: FINDING_EVENT_LABELS.closed, fields: [{ name: 'text', label: '销号审核意见（审核人未参与整改和验收）', type: 'textarea', required: true }, files] },
    reopened: { label: FINDING_EVENT_LABELS.reopened, fields: [{ name: 'deadline', label: '新的整改时限', type: 'date' }, { name: 'text', label: '原因', type: 'textarea', required: true }], danger: true },
    deadline_extended: {
      label: FINDING_EVENT_LABELS.deadline_extended,
      fields: [
        { name: 'deadline', label: '新的整改时限', type: 'date', required: true, hint: `原时限 ${d.originalDeadline}，最多延长 ${d.settings.maxExtensionDays} 天` },
        { name: 'text', label: '延期理由', type: 'textarea', required: true },
      ],
    },
    comment: { label: FINDING_EVENT_LABELS.comment, fields: [{ name: 'text', label: '备注', type: 'textarea', required: true }, files] },
  };
}
