import { useState } from 'react';
import { RECORDING_PURPOSE_LABELS, type Inspection, type Recording } from '../../shared/api/inspections';
import { call, stageFile } from '../api';
import { EvidenceFile } from '../closed-loop/evidence-file';

export const fileSize = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(2)} GB` : n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/**
 * 录音录像 of an inspection (issue 19): 执法记录仪 video or a phone's recording, streamed to the host
 * (never read into the page), played in place, frozen with the record. A recording of the party's
 * refusal to sign stands for the witness the refusal otherwise needs.
 */
export function RecordingsCard({ insp, save, reload }: { insp: Inspection; save: <T>(fn: () => Promise<T>) => Promise<T>; reload: () => void }) {
  const refused = insp.signatures.some((s) => s.role === 'inspected' && s.refusedReason);
  const hasRefusalRecording = insp.recordings.some((r) => r.purpose === 'refusal');
  const [purpose, setPurpose] = useState<Recording['purpose'] | null>(null);
  const [caption, setCaption] = useState('');
  const [recordedAt, setRecordedAt] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const chosenPurpose = purpose ?? (refused && !hasRefusalRecording ? 'refusal' : 'evidence');
  const add = async (file: File) => {
    setBusy(`正在上传“${file.name}”（${fileSize(file.size)}）…`);
    try {
      await save(async () => {
        const upload = await stageFile(file);
        return call('inspections.addRecording', { id: insp.id, file: { name: file.name, upload }, caption, recordedAt: recordedAt || null, purpose: chosenPurpose });
      });
      setCaption(''); setRecordedAt(''); setPurpose(null);
      reload();
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card" aria-label="录音录像">
      <h2>录音录像</h2>
      {refused && !hasRefusalRecording && !insp.signatures.some((s) => s.role === 'witness' && s.sha256) && (
        <p className="banner warning">当事人拒绝签名：请由见证人签名，或在此附上拒绝签名过程的录音录像。</p>
      )}
      <RecordingList recordings={insp.recordings} onRemove={async (r) => { await save(() => call('inspections.removeRecording', { id: insp.id, recordingId: r.id })); reload(); }} />
      <div className="recording-add">
        <label>用途
          <select value={chosenPurpose} onChange={(e) => setPurpose(e.target.value as Recording['purpose'])}>
            <option value="evidence">{RECORDING_PURPOSE_LABELS.evidence}</option>
            <option value="refusal">{RECORDING_PURPOSE_LABELS.refusal}</option>
          </select>
        </label>
        <label>说明<input value={caption} maxLength={200} onChange={(e) => setCaption(e.target.value)} placeholder="如 排放口取样过程" /></label>
        <label>录制时间<input type="datetime-local" value={recordedAt} onChange={(e) => setRecordedAt(e.target.value)} /></label>
        <label className="file-button">添加录音录像
          <input type="file" aria-label="添加录音录像" accept="video/mp4,video/quicktime,audio/*,.mp4,.mov,.m4a,.mp3,.aac,.wav" disabled={busy !== null}
            onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void add(f); }} />
        </label>
      </div>
      {busy && <p className="muted" role="status">{busy}</p>}
      <p className="muted">MP4、MOV 录像或 M4A、MP3、AAC、WAV 录音；大文件直接上传，不限于 50 MB。定稿后与笔录一同冻结。</p>
    </section>
  );
}

/** The recordings of a record, each played in place with what it proves, when and its SHA-256. */
export function RecordingList({ recordings, onRemove }: { recordings: Recording[]; onRemove?: (r: Recording) => void }) {
  if (!recordings.length) return null;
  return (
    <ul className="recording-list">
      {recordings.map((r) => (
        <li key={r.id}>
          <EvidenceFile sha256={r.sha256} />
          <div>
            <b>{r.fileName}</b>　{RECORDING_PURPOSE_LABELS[r.purpose]}{r.caption ? `：${r.caption}` : ''}
            <div className="muted">录制时间 {r.recordedAt?.replace('T', ' ') ?? '未填写'}　{fileSize(r.size)}　SHA-256 {r.sha256.slice(0, 16)}…</div>
          </div>
          {onRemove && <button type="button" className="link" onClick={() => onRemove(r)}>删除</button>}
        </li>
      ))}
    </ul>
  );
}
