import { shownTime } from '../../shared/domain/local-time';
import { RECORDING_PURPOSE_LABELS, type Inspection } from '../../shared/api/inspections';
import { documentAnswers } from '../../shared/inspection/document';
import type { Answers } from '../../shared/checklist/answers';
import { itemsOf, type TemplateDefinition } from '../../shared/checklist/template';
import { signatureRoleLabel } from '../../shared/inspection/notice';
import { formatDms } from '../../shared/domain/dms';
import { blobUrl } from '../api';
import { fileSize } from './recordings-card';
import { photoWarnings, type PhotoCheck } from '../../shared/inspection/photo-check';

/** "2026-11-20T09:30" → "2026年11月20日 9时30分". */
export function chineseMinute(v: string | null): string {
  if (!v) return '　年　月　日　时　分';
  const [d, t] = v.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [h, min] = (t ?? '0:0').split(':').map(Number);
  return `${y}年${m}月${day}日 ${h}时${String(min).padStart(2, '0')}分`;
}

/**
 * The 现场检查笔录 as a document (DOMAIN: header, officers with 执法证号, the notice, items and
 * answers, findings, signatures with dates, photos on annex pages). Shown on screen and printed.
 */
export function RecordBody({ insp, bureauName, photoCheck }: { insp: Inspection; bureauName: string; photoCheck?: PhotoCheck }) {
  const rows = documentAnswers(insp.template.definition as TemplateDefinition, insp.answers as Answers);
  // A photo attached to the item it proves says which (issue 20).
  const itemLabel = new Map(itemsOf(insp.template.definition as TemplateDefinition).filter(({ item }) => item.type !== 'photo').map(({ item }) => [item.id, item.label]));
  const extra = insp.targetExtra;
  const end = insp.endedAt && insp.startedAt && insp.endedAt.slice(0, 10) === insp.startedAt.slice(0, 10) ? chineseMinute(insp.endedAt).split(' ')[1] : chineseMinute(insp.endedAt);
  const signatures = insp.signatures.filter((s) => !s.role.startsWith('item:'));
  const refusalRecordings = insp.recordings.filter((r) => r.purpose === 'refusal');
  let section = '';
  return (
    <article className="record">
      <header className="record-head">
        <p className="record-bureau">{bureauName}</p>
        <h1>现场检查（勘察）笔录</h1>
        {insp.state !== 'finalized' && <p className="record-stamp">{insp.state === 'draft' ? '草稿（未定稿，不具法律效力）' : '已被更正（见更正版本）'}</p>}
        {insp.supersedes && <p className="record-note">本记录为更正版本，更正原因：{insp.correctionReason}</p>}
      </header>
      <table className="record-table">
        <tbody>
          <tr><th>被检查对象</th><td colSpan={3}>{insp.targetName}</td></tr>
          {extra.uscc && <tr><th>统一社会信用代码</th><td>{extra.uscc}</td><th>法定代表人</th><td>{extra.legalRepresentative}</td></tr>}
          {extra.code !== undefined && <tr><th>排污口编码</th><td>{extra.code || '暂不掌握'}</td><th>类型</th><td>{extra.type} {extra.subType}</td></tr>}
          <tr><th>地址</th><td colSpan={3}>{insp.targetAddress}</td></tr>
          <tr><th>检查时间</th><td colSpan={insp.source ? 1 : 3}>{chineseMinute(insp.startedAt)} 至 {end}</td>{insp.source && <><th>检查来源</th><td data-testid="inspection-source">{insp.source}</td></>}</tr>
          <tr><th>检查地点</th><td colSpan={3}>{insp.place}{insp.lat !== null && insp.lon !== null ? `（经度 ${formatDms(insp.lon)}，纬度 ${formatDms(insp.lat)}）` : ''}</td></tr>
          <tr><th>执法人员</th><td colSpan={3}>{insp.officers.map((o) => `${o.name}（执法证号 ${o.certificateNo ?? '—'}）`).join('　')}</td></tr>
          <tr><th>记录人</th><td colSpan={3}>{insp.recorder ? `${insp.recorder.name}（执法证号 ${insp.recorder.certificateNo ?? '—'}）` : ''}</td></tr>
          <tr><th>在场人</th><td>{insp.present.name}</td><th>职务</th><td>{insp.present.post}</td></tr>
          <tr><th>身份证号</th><td>{insp.present.idNumber}</td><th>电话</th><td>{insp.present.phone}</td></tr>
        </tbody>
      </table>
      <p className="record-notice"><b>告知：</b>{insp.notice}</p>
      <p className="record-notice" data-testid="recusal-answer"><b>被检查人答复：</b>{insp.recusal ?? '（未记录）'}{insp.recusal === '申请回避' && insp.recusalNote ? `。处理情况：${insp.recusalNote}` : ''}</p>
      <h2>检查内容（{insp.template.name} 第 {insp.template.version} 版）</h2>
      <table className="record-table record-items">
        <thead><tr><th className="n">序号</th><th>检查内容</th><th className="a">检查情况</th><th className="r">备注</th></tr></thead>
        <tbody>
          {rows.flatMap((r, i) => {
            const out = [];
            if (r.section !== section) { section = r.section; out.push(<tr key={`s${i}`} className="record-section"><td colSpan={4}>{r.section}</td></tr>); }
            out.push(
              <tr key={r.itemId} className={r.failing ? 'failing' : ''}>
                <td className="n">{i + 1}</td><td>{r.label}</td>
                <td className="a">{r.text || '—'}{r.failing ? '（不符合）' : ''}</td><td className="r">{r.note}</td>
              </tr>,
            );
            return out;
          })}
        </tbody>
      </table>
      {insp.body && <><h2>现场检查情况</h2><p className="record-text">{insp.body}</p></>}
      <h2>发现的问题</h2>
      {insp.findings.filter((f) => f.included).length === 0 ? <p className="record-text">未发现问题。</p> : (
        <ol className="record-findings">
          {insp.findings.filter((f) => f.included).map((f) => (
            <li key={f.itemId}>{f.description}{f.legalBasis ? `（依据：${f.legalBasis}）` : ''}。责任单位：{f.responsibleUnit}；责任人：{f.responsiblePerson}；整改时限：{f.deadline}{f.measures ? `；整改措施：${f.measures}` : ''}。</li>
          ))}
        </ol>
      )}
      <div className="record-signatures">
        <p className="record-text">以上笔录已经本人核对，与事实相符。</p>
        {signatures.map((s) => (
          <div key={s.role} className="record-signature">
            <span className="role">{signatureRoleLabel(s.role)}（签名）：</span>
            {s.sha256 ? <img src={blobUrl(s.sha256)} alt={`${s.signerName}签名`} /> : <span className="refused">拒绝签名（{s.refusedReason}）{refusalRecordings.length ? `；拒签过程已录音录像：${refusalRecordings.map((r) => r.fileName).join('、')}` : ''}</span>}
            <span className="signer">{s.signerName}</span>
            <span className="date">{chineseMinute(s.signedAt.slice(0, 16)).split(' ')[0]}</span>
          </div>
        ))}
      </div>
      {insp.record && (
        <p className="record-hash">记录编号 {insp.id}　定稿时间 {shownTime(insp.finalizedAt)}　SHA-256 {insp.record.sha256}　设备 {insp.record.node} 第 {insp.record.chainSeq} 条</p>
      )}
      {insp.recordings.length > 0 && (
        <section className="record-recordings">
          <h2>附件：录音录像（共 {insp.recordings.length} 个）</h2>
          <table className="record-table">
            <thead><tr><th className="n">序号</th><th>文件</th><th>内容</th><th>录制时间</th><th>大小</th><th>SHA-256</th></tr></thead>
            <tbody>
              {insp.recordings.map((r, i) => (
                <tr key={r.id}>
                  <td className="n">{i + 1}</td><td>{r.fileName}</td><td>{RECORDING_PURPOSE_LABELS[r.purpose]}{r.caption ? `：${r.caption}` : ''}</td>
                  <td>{shownTime(r.recordedAt) || '未填写'}</td><td>{fileSize(r.size)}</td><td className="hash">{r.sha256}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {insp.photos.length > 0 && (
        <section className="record-annex">
          <h2>附件：现场照片（共 {insp.photos.length} 张）</h2>
          <div className="annex-grid">
            {insp.photos.map((p, i) => (
              <figure key={p.id}>
                <img src={blobUrl(p.sha256)} alt={p.fileName} />
                <figcaption>照片 {i + 1}：{p.caption || p.fileName}{p.itemId && itemLabel.get(p.itemId) ? `（证明：${itemLabel.get(p.itemId)}）` : ''}　拍摄时间 {p.takenAt?.replace('T', ' ') ?? '不详'}{p.lat !== null && p.lon !== null ? `　位置 ${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}` : ''}　SHA-256 {p.sha256.slice(0, 16)}…{photoWarnings(p, insp, photoCheck).map((w) => <span key={w} className="photo-warning">　⚠ {w}</span>)}</figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
    </article>
  );
}
