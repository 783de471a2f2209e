import { isProvisionalNumber } from '../../shared/complaint/number';
import { shownTime } from '../../shared/domain/local-time';
import { useCallback } from 'react';
import type { ComplaintDetail } from '../../shared/api/complaints';
import { COMPLAINT_EVENT_LABELS, COMPLAINT_STATE_LABELS, type ComplaintEventKind } from '../../shared/complaint/fold';
import { call } from '../api';
import type { ActionSpec } from '../closed-loop/action-form';
import { RecordActions, useRecordPage } from '../closed-loop/record-actions';
import { EventTimeline } from '../closed-loop/event-timeline';
import { Detail } from '../components/field';
import { navigate } from '../router';
import { ComplaintDeadline } from './complaint-list';

function specs(d: ComplaintDetail): Partial<Record<ComplaintEventKind, ActionSpec>> {
  return {
    accepted: { label: '受理', fields: [{ name: 'text', label: '受理意见', type: 'textarea' }] },
    rejected: { label: '不予受理', fields: [{ name: 'text', label: '理由（告知信访人）', type: 'textarea', required: true }], danger: true },
    verified: {
      label: '现场核查',
      fields: [
        { name: 'inspectionId', label: '核查检查记录', type: 'select', required: true, options: d.inspections.map((i) => ({ value: i.id, label: `${(i.startedAt ?? '').slice(0, 10)} ${i.templateName}` })) },
        { name: 'text', label: '核查情况', type: 'textarea' }, { name: 'files', label: '佐证材料', type: 'files' },
      ],
    },
    extended: {
      label: '延期办理',
      fields: [{ name: 'days', label: `延长天数（不超过 ${d.limits.maxExtensionDays} 天，只能延长一次）`, type: 'number', required: true, initial: String(d.limits.maxExtensionDays) }, { name: 'text', label: '延期理由及批准人', type: 'textarea', required: true }],
      toData: (v) => ({ days: Number(v.days) }),
    },
    replied: { label: '答复信访人', fields: [{ name: 'text', label: '答复内容', type: 'textarea', required: true }] },
    reviewRequested: { label: '信访人请求复查', fields: [{ name: 'text', label: '复查请求（理由）', type: 'textarea', required: true }, { name: 'answerReceivedAt', label: '信访人收到书面答复的日期', type: 'date', hint: '30 日自收到答复起算；不填则自答复之日起算' }, { name: 'body', label: '复查机关', type: 'text', hint: '原办理机关的上一级机关（信访工作条例 第三十五条）' }, { name: 'files', label: '复查请求书（扫描件）', type: 'files' }] },
    reviewed: { label: '收到复查意见', fields: [{ name: 'text', label: '复查机关的复查意见', type: 'textarea', required: true }, { name: 'files', label: '复查意见书（扫描件）', type: 'files' }] },
    recheckRequested: { label: '信访人请求复核', fields: [{ name: 'text', label: '复核请求（理由）', type: 'textarea', required: true }, { name: 'body', label: '复核机关', type: 'text', hint: '复查机关的上一级机关（信访工作条例 第三十六条）' }, { name: 'files', label: '复核请求书（扫描件）', type: 'files' }] },
    rechecked: { label: '收到复核意见', fields: [{ name: 'text', label: '复核机关的复核意见', type: 'textarea', required: true }, { name: 'files', label: '复核意见书（扫描件）', type: 'files' }] },
    concluded: {
      label: '办结',
      fields: [
        { name: 'outcome', label: '办理结果', type: 'select', required: true, options: [{ value: '办结', label: '办结' }, { value: '阶段性办结', label: '阶段性办结' }] },
        { name: 'rectification', label: '责令整改', type: 'check' }, { name: 'penaltyAmount', label: '立案处罚金额（元，未处罚留空）', type: 'number' },
        { name: 'interview', label: '约谈', type: 'check' }, { name: 'accountablePeople', label: '问责人数', type: 'number', initial: '0' },
        { name: 'text', label: '办理情况', type: 'textarea' },
      ],
      toData: (v) => ({ result: { outcome: v.outcome, rectification: v.rectification === true, penaltyAmount: v.penaltyAmount === '' || v.penaltyAmount === undefined ? null : Number(v.penaltyAmount), interview: v.interview === true, accountablePeople: Number(v.accountablePeople || 0) } }),
    },
    comment: { label: '备注', fields: [{ name: 'text', label: '备注', type: 'textarea', required: true }] },
  };
}

/** One complaint: its deadlines, timeline and the next steps; a verification inspection; a finding or a case from it. */
export function ComplaintPage({ id }: { id: string }) {
  const { data: d, set: setD, error } = useRecordPage(useCallback(() => call('complaints.get', { id }), [id]));
  if (error) return <div className="page"><p className="banner error">{error}</p></div>;
  if (!d) return <div className="page muted">加载中…</div>;
  const c = d.complaint;
  const s = specs(d);
  return (
    <div className="page detail-page">
      <header className="page-head">
        <button className="link" onClick={() => navigate('/complaints')}>← 返回信访列表</button>
        <h1>信访件 {c.number}</h1>
        {isProvisionalNumber(c.number) && <span className="tag amber" data-testid="provisional-number" title="本机离线登记时的临时编号；同步后由同步中心分配全县统一的信访编号">临时编号 · 同步后分配正式编号</span>}
        <span className={`tag cs-${c.state}`} data-testid="complaint-state">{COMPLAINT_STATE_LABELS[c.state]}</span>
        <span data-testid="complaint-deadline"><ComplaintDeadline c={c} /></span>
      </header>
      {c.overdue && <p className="banner error" role="alert">{c.overdue}：{c.state === 'received' ? `应于 ${c.acceptBy} 前受理` : `应于 ${c.completeBy} 前办结`}</p>}
      <div className="detail-layout">
        <div>
          <section className="card">
            <h2>信访情况</h2>
            <dl className="details">
              <Detail label="来源渠道">{c.channel}</Detail>
              <Detail label="接收时间">{shownTime(c.receivedAt)}</Detail>
              <Detail label="信访人">{c.complainantName || '匿名'}{!c.complainantVisible && <small className="muted">（已隐去，授权人员可见）</small>}</Detail>
              <Detail label="联系电话">{c.complainantPhone}</Detail>
              <Detail label="反映内容" wide>{c.content}</Detail>
              <Detail label="类别">{c.categories.join('、')}</Detail>
              <Detail label="地点">{[c.townName, c.address].filter(Boolean).join(' ')}</Detail>
              <Detail label="被投诉对象">{c.targetId ? <a href={`#/${c.targetKind}s/${c.targetId}`}>{c.targetName}</a> : c.targetName}</Detail>
              <Detail label="受理期限">{c.acceptBy}（{d.limits.acceptDays} 日内）</Detail>
              <Detail label="办结期限">{c.completeBy ?? `受理后 ${d.limits.completeDays} 日`}{d.extensionDays ? `（已延长 ${d.extensionDays} 日）` : ''}</Detail>
              {d.reply && <Detail label="答复" wide>{d.reply}</Detail>}
              {d.review && <Detail label="复查">{`${d.review.requestedAt} 请求，应于 ${d.review.dueBy} 前出具意见`}{d.review.answeredAt ? `；${d.review.answeredAt} 已出具` : ''}</Detail>}
              {d.recheck && <Detail label="复核">{`${d.recheck.requestedAt} 请求，应于 ${d.recheck.dueBy} 前出具意见`}{d.recheck.answeredAt ? `；${d.recheck.answeredAt} 已出具` : ''}</Detail>}
            </dl>
          </section>
          <section className="card"><h2>办理过程</h2><EventTimeline events={d.events} labels={COMPLAINT_EVENT_LABELS} /></section>
        </div>
        <RecordActions<ComplaintEventKind> allowed={d.allowed} labels={COMPLAINT_EVENT_LABELS} specs={s} danger={['rejected']}
          onAct={async (kind, a) => setD(await call('complaints.act', { id, kind, ...a }))}>
          {c.targetId && d.allowed.includes('verified') && <p><a href={`#/inspections/new?kind=${c.targetKind}&target=${c.targetId}&name=${encodeURIComponent(c.targetName)}&source=信访`}>去现场核查（开始一次现场检查）</a></p>}
          <p><a href={`#/cases/new?from=complaint:${c.id}`}>立案查处</a></p>
          {d.caseIds.map((x) => <p key={x}><a href={`#/cases/${x}`}>查看由此立案的案件</a></p>)}
        </RecordActions>
      </div>
    </div>
  );
}
