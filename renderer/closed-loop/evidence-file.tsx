import { useEffect, useState } from 'react';
import { blobUrl } from '../api';

/**
 * One evidence file of a record, shown as what its bytes are (the host serves the type it proved):
 * a photo, a recording played in place (执法记录仪 video, a phone's sound recording), or a PDF to open.
 */
export function EvidenceFile({ sha256 }: { sha256: string }) {
  const url = blobUrl(sha256);
  const [type, setType] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(url, { method: 'HEAD' }).then((r) => { if (live) setType(r.ok ? r.headers.get('content-type') ?? '' : 'missing'); }, () => live && setType('missing'));
    return () => { live = false; };
  }, [url]);
  if (type === null) return <span className="muted">…</span>;
  if (type.startsWith('image/')) return <a href={url} target="_blank" rel="noreferrer"><img src={url} alt="佐证材料" /></a>;
  if (type.startsWith('video/')) return <video src={url} controls preload="metadata" className="evidence-video" aria-label="录像" />;
  if (type.startsWith('audio/')) return <audio src={url} controls preload="metadata" aria-label="录音" />;
  if (type === 'missing') return <span className="muted">文件尚未同步到本机</span>;
  return <a href={url} target="_blank" rel="noreferrer">PDF 文件</a>;
}
