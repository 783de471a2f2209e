import { shownTime } from '../../shared/domain/local-time';
import type { RecordEvent } from '../../shared/events/event';
import { EvidenceFile } from './evidence-file';

const DATA_LABELS: Record<string, string> = {
  responsibleUnit: '责任单位', responsiblePerson: '责任人', deadline: '新时限', days: '天数', unit: '验收单位', number: '文号', amount: '罚款（元）',
  legalBasis: '依据', content: '内容', to: '移送至', recheckAfterDays: '销号后复查（天）', approver: '批准人', method: '送达方式',
  receiver: '签收人', refusedReason: '拒收事由', witness: '见证人', reference: '邮件号/地址/公告', receipt: '缴款凭证',
};

function dataSummary(e: RecordEvent): string {
  const parts: string[] = [];
  if (typeof e.data.passed === 'boolean') parts.push(e.data.passed ? '复查合格' : '复查不合格');
  const result = e.data.result as { outcome?: string; rectification?: boolean; penaltyAmount?: number | null; interview?: boolean; accountablePeople?: number } | undefined;
  if (result?.outcome) {
    parts.push(result.outcome);
    if (result.rectification) parts.push('责令整改');
    if (result.penaltyAmount) parts.push(`立案处罚 ${result.penaltyAmount.toLocaleString('zh-CN')} 元`);
    if (result.interview) parts.push('约谈');
    if (result.accountablePeople) parts.push(`问责 ${result.accountablePeople} 人`);
  }
  if (e.data.kind === 'penalty') parts.push('行政处罚决定');
  for (const [k, label] of Object.entries(DATA_LABELS)) {
    const v = e.data[k];
    if (v !== undefined && v !== null && v !== '') parts.push(`${label}：${typeof v === 'number' ? v.toLocaleString('zh-CN') : String(v)}`);
  }
  return parts.join('；');
}

/** A record's events in order: who did what, when; evidence; an event not in effect is marked in red. */
export function EventTimeline({ events, labels }: { events: RecordEvent[]; labels: Record<string, string> }) {
  if (events.length === 0) return <p className="muted">暂无办理记录</p>;
  return (
    <ol className="timeline" aria-label="办理过程">
      {events.map((e) => (
        <li key={e.id} className={e.flag ? 'flagged' : ''}>
          <div className="tl-head"><b>{labels[e.kind] ?? e.kind}</b><span className="muted">{shownTime(e.at)} · {e.authorName}</span></div>
          {e.text && <p>{e.text}</p>}
          {dataSummary(e) && <p className="muted">{dataSummary(e)}</p>}
          {typeof e.data.inspectionId === 'string' && <p><a href={`#/inspections/${e.data.inspectionId}`}>查看检查记录</a></p>}
          {e.blobs.length > 0 && (
            <div className="tl-files">{e.blobs.map((sha) => <EvidenceFile key={sha} sha256={sha} />)}</div>
          )}
          {e.flag && <p className="banner error" role="note">此事件未生效：{e.flag}</p>}
        </li>
      ))}
    </ol>
  );
}
