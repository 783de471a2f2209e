import { useEffect, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import type { Signature } from '../../shared/api/inspections';
import { blobUrl } from '../api';

/**
 * One signature: drawn with mouse, pen or finger on a canvas (signature_pad), saved as a PNG blob.
 * A saved signature shows as its image; signing again replaces it while the record is a draft.
 */
export function SignatureBox(p: {
  role: string; title: string; name: string; signature: Signature | undefined; disabled?: boolean; allowRefusal?: boolean;
  onSign: (png: string | null, signerName: string, refusedReason: string | null) => Promise<void>;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);
  const [editing, setEditing] = useState(!p.signature);
  const [signer, setSigner] = useState(p.signature?.signerName ?? p.name);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setSigner(p.signature?.signerName ?? p.name); }, [p.name, p.signature?.signerName]);
  useEffect(() => {
    if (!editing || p.disabled || !canvas.current) return;
    const c = canvas.current;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    c.width = c.offsetWidth * ratio;
    c.height = c.offsetHeight * ratio;
    c.getContext('2d')!.scale(ratio, ratio);
    pad.current = new SignaturePad(c, { penColor: '#111', minWidth: 1, maxWidth: 2.6 });
    return () => { pad.current?.off(); pad.current = null; };
  }, [editing, p.disabled, refusing]);
  const confirm = async () => {
    setError(null);
    try {
      if (refusing) {
        if (!reason.trim()) { setError('请填写拒绝签名的情况'); return; }
        await p.onSign(null, signer, reason.trim());
      } else {
        if (!pad.current || pad.current.isEmpty()) { setError('请先在框内签名'); return; }
        if (!signer.trim()) { setError('请填写签名人姓名'); return; }
        await p.onSign(pad.current.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''), signer.trim(), null);
      }
      setEditing(false);
    } catch (e) { setError((e as Error).message); }
  };
  const s = p.signature;
  return (
    <div className="signature-box" data-role={p.role}>
      <div className="signature-head"><b>{p.title}</b>
        {p.role === 'inspected' || p.role === 'witness'
          ? <input aria-label={`${p.title}姓名`} value={signer} disabled={p.disabled || !editing} onChange={(e) => setSigner(e.target.value)} placeholder="姓名" />
          : <span>{p.name}</span>}
      </div>
      {!editing && s ? (
        <div className="signature-done">
          {s.sha256 ? <img src={blobUrl(s.sha256)} alt={`${p.title}签名`} /> : <p className="banner warning">拒绝签名：{s.refusedReason}</p>}
          <small className="muted">{s.signedAt.replace('T', ' ').slice(0, 16)}</small>
          {!p.disabled && <button type="button" className="link" onClick={() => setEditing(true)}>重新签名</button>}
        </div>
      ) : p.disabled ? <p className="muted">未签名</p> : (
        <>
          {refusing
            ? <textarea aria-label="拒签情况" placeholder="如：当事人拒绝签名，由见证人签名证明" value={reason} onChange={(e) => setReason(e.target.value)} />
            : <canvas ref={canvas} className="signature-canvas" aria-label={`${p.title}签名框`} />}
          <div className="actions">
            {!refusing && <button type="button" onClick={() => pad.current?.clear()}>清除</button>}
            {p.allowRefusal && <button type="button" className="link" onClick={() => setRefusing(!refusing)}>{refusing ? '改为签名' : '当事人拒绝签名'}</button>}
            <button type="button" className="primary" onClick={() => void confirm()}>{refusing ? '记录拒签' : '确认签名'}</button>
          </div>
        </>
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}
