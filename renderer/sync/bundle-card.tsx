import { useState } from 'react';
import { call, exportUrl } from '../api';
import { readFileBase64 } from '../file-base64';

/** USB bundles for an office with no network: write one for the bureau, import the bureau's answer. */
export function BundleCard({ onDone, onError }: { onDone: (message: string) => void; onError: (m: string) => void }) {
  const [file, setFile] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exportBundle = async () => {
    setBusy(true);
    try { const r = await call('sync.exportBundle', {}); setFile(r.file.name); onDone(r.summary); } catch (e) { onError((e as Error).message); } finally { setBusy(false); }
  };
  const importBundle = async (f: File | undefined) => {
    if (!f) return;
    setBusy(true);
    try { const r = await call('sync.importBundle', { name: f.name, base64: await readFileBase64(f) }); onDone(r.summary); } catch (e) { onError((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <section className="card" aria-label="U 盘同步包">
      <h2>U 盘同步包（无网络时）</h2>
      <p className="muted">导出本机尚未被同步中心确认的变更和照片，拷到 U 盘交局里导入；局里导出的回执同步包再在这里导入。重复导入或顺序颠倒都不会出错。</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void exportBundle()}>导出同步包</button>
        {file && <a href={exportUrl(file)} download={file}>下载 {file}</a>}
        <label className="button">导入同步包<input type="file" accept=".qsync" hidden disabled={busy} aria-label="导入同步包" onChange={(e) => void importBundle(e.target.files?.[0])} /></label>
      </div>
    </section>
  );
}
