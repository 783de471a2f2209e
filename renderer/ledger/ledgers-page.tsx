import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ExportFile, LedgerInfo, LedgerPreview } from '../../shared/api/ledgers';
import { ApiFailure, call, exportUrl } from '../api';
import { JobProgress, useJob } from '../components/job-progress';
import { WatershedSelect } from '../components/water-picker';
import { LedgerImport } from './ledger-import';
import { useDirectories } from '../directories';
import { useMay } from '../auth/auth-context';
import { usePersistentState } from '../persistent-state';
import { readFileBase64 } from '../file-base64';

type Info = z.infer<typeof LedgerInfo>;
type Preview = z.infer<typeof LedgerPreview>;
type ExportedFile = z.infer<typeof ExportFile>;
type Filters = { from: string; to: string; townCodes: string[]; watershedId: string; type: string; state: string };
const EMPTY: Filters = { from: '', to: '', townCodes: [], watershedId: '', type: '', state: '' };

/** The filters as the core takes them (empty ones left out). */
function query(f: Filters) {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== ''))) as Partial<Filters>;
}

/** The first rows as the sheet will look: title, 填报单位 row, grouped headers, 序号, data. */
function SheetPreview({ p }: { p: Preview }) {
  const n = p.widths.length;
  const rows = Array.from({ length: p.depth }, (_, i) => p.header.filter((h) => h.row === i + 1));
  return (
    <div className="sheet-scroll">
      <table className="sheet" style={{ width: `${p.widths.reduce((a, b) => a + b, 0) * 8}px` }}>
        <colgroup>{p.widths.map((w, i) => <col key={i} style={{ width: `${w * 8}px` }} />)}</colgroup>
        <thead>
          <tr><th colSpan={n} className="sheet-title">{p.title}</th></tr>
          <tr><th colSpan={n} className="sheet-info">{p.info.join('　　')}　　填报日期：{new Date().getFullYear()}年{new Date().getMonth() + 1}月{new Date().getDate()}日</th></tr>
          {rows.map((r, i) => <tr key={i} className="sheet-head">{r.map((h) => <th key={`${h.row}-${h.col}`} rowSpan={h.rowSpan} colSpan={h.colSpan}>{h.text}</th>)}</tr>)}
        </thead>
        <tbody>
          {p.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j}>{v}</td>)}</tr>)}
          {p.total > p.rows.length && <tr><td colSpan={n} className="muted">……（共 {p.total.toLocaleString('zh-CN')} 行，预览前 {p.rows.length} 行）</td></tr>}
          {p.notes.map((note) => <tr key={note}><td colSpan={n} className="sheet-note">{note}</td></tr>)}
          <tr><td colSpan={n} className="sheet-sign">负责人：　　　　　　审核人：　　　　　　填表人：　　　　　　填表日期：</td></tr>
        </tbody>
      </table>
    </div>
  );
}

/** 台账: pick a ledger, a period and an area, preview it, export it as the county's .xlsx. */
export function LedgersPage() {
  const d = useDirectories();
  const may = useMay();
  const [ledgers, setLedgers] = useState<Info[]>([]);
  const [id, setId] = usePersistentState('ledgerId', 'enterprises');
  const [f, setF] = usePersistentState<Filters>('ledgerFilters', EMPTY);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [exports, setExports] = useState<ExportedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [paper, setPaper] = useState<'A4' | 'A3' | null>(null);
  const job = useJob();
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string; file?: string } | null>(null);
  const spec = ledgers.find((l) => l.id === id);
  // A wide ledger (many columns) is offered on A3 landscape; either is fitted to the page's width.
  const paperOf = paper ?? ((spec?.fields.length ?? 0) > 14 ? 'A3' : 'A4');
  useEffect(() => { void call('ledgers.list', {}).then(setLedgers); void call('ledgers.exports', {}).then(setExports); }, []);
  useEffect(() => {
    if (!spec) { setPreview(null); return; }
    let live = true;
    setMessage(null);
    call('ledgers.preview', { ledgerId: id, filters: query(f), limit: 30 })
      .then((p) => { if (live) setPreview(p); }, (e: Error) => { if (live) { setPreview(null); setMessage({ kind: 'error', text: e.message }); } });
    return () => { live = false; };
  }, [id, JSON.stringify(f), spec !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps
  const exportNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await job.run((jobId) => call('ledgers.export', { ledgerId: id, filters: query(f), paper: paperOf, jobId }));
      setMessage({ kind: 'ok', text: `已导出 ${r.rows.toLocaleString('zh-CN')} 行：${r.file.name}`, file: r.file.name });
      // One step: the file is downloaded as soon as it is made (the link stays for another copy).
      const a = document.createElement('a');
      a.href = exportUrl(r.file.name); a.download = r.file.name; a.click();
      setExports(await call('ledgers.exports', {}));
    } catch (e) { setMessage({ kind: 'error', text: e instanceof ApiFailure ? e.message : (e as Error).message }); } finally { setBusy(false); }
  };
  const withTemplate = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const templateBase64 = await readFileBase64(file);
      const r = await job.run((jobId) => call('ledgers.exportWithTemplate', { ledgerId: id, filters: query(f), templateName: file.name, templateBase64, jobId }));
      setMessage({ kind: 'ok', text: `已按“${file.name}”导出 ${r.rows.toLocaleString('zh-CN')} 行：${r.file.name}`, file: r.file.name });
      setExports(await call('ledgers.exports', {}));
    } catch (e) { setMessage({ kind: 'error', text: `“${file.name}”${e instanceof ApiFailure ? e.message : (e as Error).message}` }); } finally { setBusy(false); }
  };
  const set = (patch: Partial<Filters>) => setF({ ...f, ...patch });
  const has = (name: string) => spec?.filters.includes(name);
  return (
    <div className="page ledgers-page">
      <header className="page-head"><h1>台账</h1><span className="spacer" />
        <label className={`button-like${!preview || busy ? ' disabled' : ''}`}>按本局模板导出…
          <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label="按本局模板导出" hidden disabled={!preview || busy}
            onChange={(e) => { void withTemplate(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <select aria-label="纸张" value={paperOf} onChange={(e) => setPaper(e.target.value as 'A4' | 'A3')} title="打印时横向并缩放到一页宽">
          <option value="A4">A4 横向</option><option value="A3">A3 横向</option>
        </select>
        <button className="primary" disabled={!preview || busy} onClick={() => void exportNow()}>{busy ? '正在导出…' : '导出 Excel'}</button>
      </header>
      <div className="ledger-layout">
        <nav className="card ledger-list" aria-label="台账列表">
          {ledgers.map((l) => (
            <button key={l.id} className={`ledger-item${l.id === id ? ' on' : ''}`} onClick={() => { setId(l.id); setF(EMPTY); }}>{l.name}</button>
          ))}
        </nav>
        <div className="ledger-main">
          <div className="filters">
            {has('period') && <>
              <label>自 <input type="date" aria-label="起始日期" value={f.from} onChange={(e) => set({ from: e.target.value })} /></label>
              <label>至 <input type="date" aria-label="截止日期" value={f.to} onChange={(e) => set({ to: e.target.value })} /></label>
            </>}
            {has('towns') && (
              <select aria-label="镇街" value={f.townCodes[0] ?? ''} onChange={(e) => set({ townCodes: e.target.value ? [e.target.value] : [] })}>
                <option value="">全部镇街</option>
                {d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
              </select>
            )}
            {has('watershed') && <WatershedSelect name="ledgerWatershed" value={f.watershedId || null} emptyLabel="全部流域" onChange={(v) => set({ watershedId: v ?? '' })} />}
            {has('type') && spec && spec.typeOptions.length > 0 && (
              <select aria-label="类别" value={f.type} onChange={(e) => set({ type: e.target.value })}>
                <option value="">全部类别</option>{spec.typeOptions.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            )}
            {has('state') && spec && spec.stateOptions.length > 0 && (
              <select aria-label="状态" value={f.state} onChange={(e) => set({ state: e.target.value })}>
                <option value="">全部状态</option>{spec.stateOptions.map((o) => <option key={o} value={o}>{o}</option>)}
              </select>
            )}
            {JSON.stringify(f) !== JSON.stringify(EMPTY) && <button className="link" onClick={() => setF(EMPTY)}>清除条件</button>}
            <span className="count" data-testid="ledger-total">{preview ? `共 ${preview.total.toLocaleString('zh-CN')} 行` : ''}</span>
          </div>
          <JobProgress job={job} label="导出" />
          {message && <p className={`banner ${message.kind === 'error' ? 'error' : 'ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}
            {message.file && <>　<a href={exportUrl(message.file)} download={message.file}>下载</a></>}</p>}
          {preview ? <SheetPreview p={preview} /> : <p className="muted">加载中…</p>}
          {spec && (
            <details className="card template-help">
              <summary>本局模板的写法（{spec.name}）</summary>
              <p>上传本省、市规定的 .xlsx 表样：在任意单元格写 {spec.headingFields.map((h) => `{{${h.key}}}`).join('、')}（{spec.headingFields.map((h) => h.label).join('、')}）；在<b>一行</b>数据行的单元格中写字段名，这一行会按每条记录重复，其余行（表头、审核人、说明）随之下移，字体、边框、合并单元格、列宽和打印设置都保持原样。</p>
              <p className="field-codes">{spec.fields.map((x) => <code key={x.key} title={x.label}>{`{{${x.key}}}`} {x.label}</code>)}</p>
            </details>
          )}
          {may('import') && <LedgerImport onImported={() => void call('ledgers.exports', {}).then(setExports)} />}
          <section className="card" aria-label="最近导出">
            <h2>最近导出</h2>
            {exports.length === 0 ? <p className="muted">尚无</p> : (
              <ul className="links">{exports.map((x) => <li key={x.name}><a href={exportUrl(x.name)} download={x.name}>{x.name}</a> <small>{(x.size / 1024).toFixed(0)} KB · {x.modifiedAt.replace('T', ' ').slice(0, 16)}</small></li>)}</ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
