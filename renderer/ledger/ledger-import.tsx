import { useState } from 'react';
import type { Output } from '../../shared/api/index';
import { ApiFailure, call, exportUrl, stageFile } from '../api';
import { JobProgress, useJob } from '../components/job-progress';
import { COORD_SYSTEM_LABELS } from '../i18n/zh-CN';
import { ImportFindings } from './import-findings';
import { ImportConflicts } from './import-conflicts';

type Report = Output<'ledgers.import'>;
type Kind = 'enterprises' | 'outfalls' | 'findings';

/**
 * 导入已有台账: the bureau's existing Excel of enterprises or outfalls, checked first (what is new,
 * changed and how, unchanged, said or wrong — each bad cell marked in a workbook to download), then
 * written whole. The file is streamed to the host for each check (never read into the page).
 */
export function LedgerImport({ onImported }: { onImported: () => void }) {
  const [kind, setKind] = useState<Kind>('enterprises');
  const [crs, setCrs] = useState<'CGCS2000' | 'WGS84' | 'GCJ02' | 'BD09'>('CGCS2000');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [resolutions, setResolutions] = useState<Record<string, 'sheet' | 'current'>>({});
  const [prefer, setPrefer] = useState<'sheet' | 'current' | undefined>(undefined);
  const job = useJob();
  const run = async (dryRun: boolean, f = file, m = mapping, s = sheet, resolved = resolutions, all = prefer) => {
    if (!f) return;
    setBusy(true); setError(null);
    try {
      const staged = await stageFile(f, 'xlsx');
      const r = await job.run((jobId) => call('ledgers.import', { kind, fileName: f.name, staged, crs, dryRun, mapping: m, sheet: s, resolutions: resolved, prefer: all, since: new Date(f.lastModified).toISOString(), jobId }));
      setReport(r);
      if (r.committed) onImported();
    } catch (e) { setReport(null); setError(e instanceof ApiFailure ? e.message : (e as Error).message); } finally { setBusy(false); }
  };
  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen); setMapping({}); setSheet(undefined); setResolutions({}); setPrefer(undefined);
    await run(true, chosen, {}, undefined, {}, undefined);
  };
  const label = (key: string) => report?.fieldOptions.find((o) => o.key === key)?.label ?? key;
  return (
    <section className="card ledger-import" aria-label="导入已有台账">
      <h2>导入已有台账</h2>
      <div className="filters">
        <select aria-label="导入类别" value={kind} onChange={(e) => { setKind(e.target.value as Kind); setReport(null); setFile(null); }}>
          <option value="enterprises">排污单位名录</option><option value="outfalls">入河排污口台账</option><option value="findings">督察交办问题清单</option>
        </select>
        <select aria-label="坐标系" value={crs} onChange={(e) => { setCrs(e.target.value as typeof crs); setReport(null); setFile(null); }}>
          {Object.entries(COORD_SYSTEM_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <label className="button-like">选择 Excel 文件…<input type="file" accept=".xlsx" aria-label="选择要导入的文件" hidden onChange={(e) => { void choose(e.target.files?.[0]); e.target.value = ''; }} /></label>
        {report && report.sheets.length > 1 && (
          <label>工作表
            <select aria-label="工作表" value={report.sheet} onChange={(e) => { setSheet(e.target.value); setMapping({}); void run(true, file, {}, e.target.value); }}>
              {report.sheets.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
        )}
      </div>
      <JobProgress job={job} label="检查" />
      {error && <p className="banner error" role="alert">{error}</p>}
      {report && file && (
        <div className="import-report" data-testid="import-report">
          <p>“{file.name}”工作表“{report.sheet}”，表头在第 {report.headerRow} 行，共 {report.rows} 行：
            <b className="ok">新增 {report.created}</b>，<b>更新 {report.updated}</b>，无变化 {report.unchanged}，<b className={report.invalid ? 'bad' : ''}>有误 {report.invalid}</b>
            {report.warnings.length > 0 && <>，提示 {report.warnings.length + report.omitted.warnings}</>}
            {report.committed && '。已全部写入。'}</p>
          {report.exportCheck === 'unverified' && <p className="banner warning" role="alert">表内隐藏的“清水导出信息”无法验证（导出后被改动过，或不是本机导出的）：已按普通表格比对，本机在文件保存之后改过的字段都列为冲突，请逐项决定。</p>}
          {report.missing.length > 0 && <p className="banner error" role="alert">找不到必需的列：{report.missing.join('、')}。请在下面指明哪一列是它们。</p>}
          {report.unmatchedHeaders.length > 0 && <p className="muted">未识别的列（不导入，可在“列对应”中指定）：{report.unmatchedHeaders.join('、')}</p>}
          <details className="column-map" open={report.missing.length > 0 || report.headers.some((h) => !h.field && h.suggestions.length > 0)}>
            <summary>列对应（表头第 {report.headerRow} 行）</summary>
            <table className="plain">
              <tbody>
                {report.headers.map((h) => (
                  <tr key={h.col}>
                    <td>{h.text}</td>
                    <td>
                      <select aria-label={`“${h.text}”对应`} value={h.field ?? ''} onChange={(e) => { const m = { ...mapping, [String(h.col)]: e.target.value }; setMapping(m); void run(true, file, m); }}>
                        <option value="">（不导入）</option>
                        {h.suggestions.length > 0 && <optgroup label="可能是">{h.suggestions.map((k) => <option key={`s-${k}`} value={k}>{label(k)}</option>)}</optgroup>}
                        <optgroup label="全部字段">{report.fieldOptions.map((o) => <option key={o.key} value={o.key}>{o.label}</option>)}</optgroup>
                      </select>
                    </td>
                    <td className="muted">{!h.field && h.suggestions.length > 0 ? `可能是：${h.suggestions.map(label).join('、')}` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <ImportConflicts report={report} decide={(choices) => { const next = { ...resolutions, ...choices }; setResolutions(next); void run(true, file, mapping, sheet, next); }}
            decideAll={(d) => { setPrefer(d); void run(true, file, mapping, sheet, resolutions, d); }} />
          {report.kept > 0 && <p className="muted">保留了 {report.kept} 处较新的值：表中未改而本机在导出后已更新。</p>}
          <ImportFindings report={report} />
          {report.problems.length > 0 && (
            <>
              <p role="alert" className="banner error">有误的行未写入任何数据。请改正后重新选择文件{report.errorsFile && <>：<a href={exportUrl(report.errorsFile.name)} download={report.errorsFile.name}>下载标注了错误的工作簿</a></>}。</p>
              <ul className="problems">{report.problems.slice(0, 20).map((p) => <li key={`${p.row}-${p.col}-${p.message}`}>{p.message}</li>)}</ul>
              {report.problems.length + report.omitted.problems > 20 && <p className="muted">……共 {report.problems.length + report.omitted.problems} 处</p>}
            </>
          )}
          {!report.committed && report.missing.length === 0 && report.invalid === 0 && report.conflicts.length === 0 && report.created + report.updated > 0 && (
            <button className="primary" disabled={busy} onClick={() => void run(false)}>确认导入（新增 {report.created}，更新 {report.updated}）</button>
          )}
        </div>
      )}
    </section>
  );
}
