import { shownTime } from '../../shared/domain/local-time';
import { useEffect, useState } from 'react';
import type { Inspection } from '../../shared/api/inspections';
import type { Person } from '../../shared/api/people';
import { itemsOf, type TemplateDefinition } from '../../shared/checklist/template';
import { INSPECTION_STATE_LABELS, TARGET_KIND_LABELS } from '../../shared/inspection/notice';
import { ApiFailure, call, exportUrl, printRecord } from '../api';
import { scrollToFirstError } from '../components/field';
import { useDirectories } from '../directories';
import { ChecklistForm } from './checklist-form';
import { FindingsReview } from './findings-review';
import { HeaderForm } from './header-form';
import { PhotoStrip } from './photo-strip';
import { RecordBody } from './record-body';
import { useAsk } from '../components/ask-dialog';
import { photoWarnings } from '../../shared/inspection/photo-check';
import { SignaturesCard } from './signatures-card';
import { RecordingList, RecordingsCard } from './recordings-card';
import { useInspection } from './use-inspection';
import { navigate } from '../router';

/** A finalize problem as the summary says it: the item's label before an item's message. */
function problemLines(insp: Inspection): string[] {
  const labels = new Map(itemsOf(insp.template.definition as TemplateDefinition).map(({ item }) => [item.id, item.label]));
  return Object.entries(insp.problems).map(([key, m]) => (labels.has(key) ? `“${labels.get(key)}”${m}` : m));
}

const targetPath = (kind: string, id: string | null) => (id && kind !== 'site' ? `#/${kind === 'enterprise' ? 'enterprises' : 'outfalls'}/${id}` : null);

/** One inspection: the runner while it is a draft, the frozen 现场检查笔录 once finalized. */
export function InspectionPage({ id }: { id: string }) {
  const { insp, setInsp, error, reload, save, saving } = useInspection(id);
  const d = useDirectories();
  const [people, setPeople] = useState<Person[]>([]);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);
  // What blocks finalizing is shown at each field once the inspector first tries to finalize.
  const [reveal, setReveal] = useState(false);
  const [asking, ask] = useAsk();
  useEffect(() => { void call('people.list', { role: '执法人员' }).then(setPeople); }, []);
  if (error) return <div className="page"><p className="banner error">{error}</p><a href="#/inspections">返回检查记录</a></div>;
  if (!insp) return <div className="page muted">加载中…</div>;
  const link = targetPath(insp.targetKind, insp.targetId);
  const problems = Object.keys(insp.problems).length;
  const shown = reveal ? insp.problems : {};
  const finalize = async () => {
    setMessage(null);
    if (problems) { setReveal(true); setMessage({ kind: 'error', text: `还有 ${problems} 处未完成，不能定稿：${problemLines(insp).slice(0, 5).join('；')}${problems > 5 ? '……' : ''}` }); scrollToFirstError(); return; }
    if (!window.confirm('定稿后，本笔录即成为法律文书，任何内容都不能再修改（如有错误只能另行更正）。确定定稿吗？')) return;
    try {
      const r = await call('inspections.finalize', { id });
      setMessage({ kind: 'ok', text: `已定稿。SHA-256：${r.sha256.slice(0, 16)}…${r.findingIds.length ? `；已形成 ${r.findingIds.length} 个问题` : ''}` });
      await reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiFailure ? e.message : (e as Error).message });
      await reload();
    }
  };
  const correct = async () => {
    const reason = await ask({ title: '更正检查记录', label: '更正原因', multiline: true, hint: '原记录保留；更正后的新版本定稿后替代它。', confirm: '开始更正' });
    if (!reason?.trim()) return;
    try { const r = await call('inspections.correct', { id, reason: reason.trim() }); navigate(`/inspections/${r.id}`); } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  };
  const evidence = async () => {
    setMessage(null);
    try {
      const r = await call('inspections.evidencePackage', { id });
      const a = document.createElement('a');
      a.href = exportUrl(r.file.name);
      a.download = r.file.name;
      a.click();
      setMessage({ kind: 'ok', text: `已导出证据包 ${r.file.name}（照片与签名文件 ${r.files} 个；${r.signed ? '有设备签名' : '无设备签名'}；${r.countersigned ? '有同步中心回执' : '尚无同步中心回执'}）。在任何电脑上可用 qingshui evidence verify 核验。` });
    } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  };
  const print = async () => {
    try { const path = await printRecord(id); if (path) setMessage({ kind: 'ok', text: `已保存 PDF：${path}` }); } catch (e) { setMessage({ kind: 'error', text: (e as Error).message }); }
  };
  const discard = async () => {
    if (!window.confirm('放弃这份草稿？已填写的内容将作废（变更记录中仍可追溯）。')) return;
    await call('inspections.discard', { id });
    navigate('/inspections');
  };
  return (
    <div className="page inspection-page">
      {asking}
      <header className="page-head">
        <a className="link" href="#/inspections">← 检查记录</a>
        <h1>{insp.template.name}</h1>
        <span className={`tag insp-${insp.state}`}>{INSPECTION_STATE_LABELS[insp.state]}</span>
        <span className="spacer" />
        {insp.state === 'draft' && <span className="muted save-state" aria-live="polite">{saving ? '正在保存…' : '已自动保存'}</span>}
        {insp.state === 'draft' && <button className="danger" onClick={() => void discard()}>放弃草稿</button>}
        <button onClick={() => void print()}>打印 / 导出 PDF</button>
        {insp.state !== 'draft' && insp.record && <button onClick={() => void evidence()}>导出证据包</button>}
        {insp.state === 'finalized' && <button onClick={() => void correct()}>更正</button>}
        {insp.state === 'draft' && <button className="primary" onClick={() => void finalize()}>定稿</button>}
      </header>
      <p className="target-line">{TARGET_KIND_LABELS[insp.targetKind]}：{link ? <a href={link}>{insp.targetName}</a> : insp.targetName}　{insp.townName}
        {insp.supersedes && <>　· 更正自 <a href={`#/inspections/${insp.supersedes}`}>原记录</a>（{insp.correctionReason}）</>}
        {insp.supersededBy && <>　· 已被 <a href={`#/inspections/${insp.supersededBy}`}>更正版本</a> 替代</>}</p>
      {message && <p className={`banner ${message.kind === 'error' ? 'error' : 'ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</p>}
      {insp.state === 'draft' ? (
        <div className="runner">
          <HeaderForm insp={insp} people={people} shown={shown} save={save} />
          <ChecklistForm insp={insp} shown={shown} itemErrors={itemErrors} save={save} reload={() => void reload()}
            setAnswer={(itemId, value) => setInsp((p) => p && { ...p, answers: { ...p.answers, [itemId]: { value, note: p.answers[itemId]?.note ?? '' } } })}
            setDerived={(d) => setInsp((p) => p && { ...p, ...d })}
            setItemError={(itemId, m) => setItemErrors((e) => { const next = { ...e }; if (m) next[itemId] = m; else delete next[itemId]; return next; })} />
          <section className="card" aria-label="其他现场照片">
            <h2>其他现场照片</h2>
            <PhotoStrip inspectionId={id} itemId={null} label="其他现场照片" photos={insp.photos.filter((p) => p.itemId === null)} max={50} save={save} onChanged={() => void reload()} warn={(ph) => photoWarnings(ph, insp, d.info.settings.photoCheck)} />
          </section>
          <RecordingsCard insp={insp} save={save} reload={() => void reload()} />
          <FindingsReview insp={insp} shown={shown} save={save} />
          <SignaturesCard insp={insp} save={save} reload={() => void reload()} />
          <section className="card finalize-card">
            {problems ? <p>还有 <b>{problems}</b> 处未完成：{problemLines(insp).slice(0, 6).join('；')}{problems > 6 ? '……' : ''}</p> : <p>全部填写完毕，可以定稿。</p>}
            <button className="primary" onClick={() => void finalize()}>定稿</button>
          </section>
        </div>
      ) : (
        <>
          {insp.record && <SigningLine record={insp.record} />}
          <div className="card record-card"><RecordBody insp={insp} bureauName={d.info.settings.bureauName} photoCheck={d.info.settings.photoCheck} /></div>
          {insp.recordings.length > 0 && <section className="card" aria-label="录音录像"><h2>录音录像</h2><RecordingList recordings={insp.recordings} /></section>}
        </>
      )}
    </div>
  );
}

/** Who signed the record at 定稿 and whether it holds; the hub's receipt once synced (issue 18). */
function SigningLine({ record }: { record: NonNullable<Inspection['record']> }) {
  const signed = record.signer
    ? record.signatureHolds
      ? <span className="ok">✓ 电子签名有效：账号“{record.signer}”在本设备签署（公钥指纹 {record.keyFingerprint?.slice(0, 23)}…）</span>
      : <span className="error">✗ 电子签名与记录不符：记录可能已被改动</span>
    : <span className="muted">本记录定稿于电子签名启用之前（无设备签名）</span>;
  const receipt = record.receipt
    ? <span className="ok">✓ 同步中心回执：第 {record.receipt.hubSeq} 号，{shownTime(record.receipt.receivedAt)} 收到</span>
    : <span className="muted">尚无同步中心回执（同步后取得）</span>;
  return <p className="signing-line" aria-label="电子签名与回执">{signed}　{receipt}</p>;
}
