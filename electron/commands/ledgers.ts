import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { LedgerFilters } from '../../shared/api/ledgers';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError } from '../../shared/api/result';
import { LEDGER_SPECS } from '../../shared/ledger/specs';
import { takeExport } from '../core/files';
import { withWorkbench } from '../core/maintenance';

/** `qingshui ledgers [--json]`: the ledgers and their ids. */
export function ledgersCommand(json: boolean): void {
  if (json) { console.log(JSON.stringify(LEDGER_SPECS.map((s) => ({ id: s.id, name: s.name })))); return; }
  for (const s of LEDGER_SPECS) console.log(`${s.id.padEnd(16)}${s.name}`);
}

export type ExportArgs = { ledgerId: string; dataDir: string; out: string; from?: string; to?: string; towns?: string[]; template?: string; paper?: string; json?: boolean };

/** `qingshui export LEDGER_ID --data DIR --out FILE.xlsx [--from --to --town CODE …]`. */
export async function exportCommand(a: ExportArgs): Promise<void> {
  const out = resolve(a.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new DomainError('invalid', `--out 应为 .xlsx 文件，收到“${a.out}”`);
  if (!existsSync(dirname(out))) throw new DomainError('not_found', `输出文件夹“${dirname(out)}”不存在`);
  if (a.paper !== undefined && a.paper !== 'A4' && a.paper !== 'A3') throw new DomainError('invalid', `--paper 应为 A4 或 A3（横向，按页宽缩放），收到“${a.paper}”`);
  if (a.template && !existsSync(a.template)) throw new DomainError('not_found', `模板文件“${a.template}”不存在`);
  const parsed = LedgerFilters.safeParse({ from: a.from, to: a.to, townCodes: a.towns });
  if (!parsed.success) throw new DomainError('invalid', Object.values(issuesToFields(parsed.error.issues)).join('；'));
  await withWorkbench(a.dataDir, async (wb) => {
    const known = new Set((await wb.call('places.regions', {})).filter((r) => r.level === 'town').map((r) => r.code));
    const unknown = (a.towns ?? []).filter((t) => !known.has(t));
    if (unknown.length) throw new DomainError('invalid', `--town ${unknown.join('、')} 不是本县的镇街代码`);
    const started = Date.now();
    const shown = !a.json && process.stderr.isTTY;
    if (shown) wb.events.on('event', (e) => { if (e.type === 'progress') process.stderr.write(`\r导出中 ${e.done}/${e.total}`); });
    const r = a.template
      ? await wb.call('ledgers.exportWithTemplate', { ledgerId: a.ledgerId, filters: parsed.data, templateName: basename(a.template), templateBase64: readFileSync(a.template).toString('base64') })
      : await wb.call('ledgers.export', { ledgerId: a.ledgerId, filters: parsed.data, paper: (a.paper as 'A4' | 'A3' | undefined) ?? 'A4', jobId: 'cli-export' });
    takeExport(wb, r.file.name, out);
    const name = LEDGER_SPECS.find((s) => s.id === a.ledgerId)?.name ?? a.ledgerId;
    if (a.json) { console.log(JSON.stringify({ ledger: a.ledgerId, rows: r.rows, file: out, ms: Date.now() - started, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })); return; }
    console.log(`${process.stderr.isTTY ? '\n' : ''}已导出“${name}”${r.rows} 行：${out}（用时 ${Date.now() - started} ms）`);
  });
}
