import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LedgerFilters } from '../../shared/api/ledgers';
import { issuesToFields } from '../../shared/api/issues';
import { DomainError } from '../../shared/api/result';
import { LEDGER_SPECS } from '../../shared/ledger/specs';
import { createWorkbench } from '../core/workbench';
import { availableLedger, exportLedger, fillTemplate, ledgerContext } from '../services/ledgers/index';

/** `qingshui ledgers [--json]`: the ledgers and their ids. */
export function ledgersCommand(json: boolean): void {
  if (json) { console.log(JSON.stringify(LEDGER_SPECS.map((s) => ({ id: s.id, name: s.name })))); return; }
  for (const s of LEDGER_SPECS) console.log(`${s.id.padEnd(16)}${s.name}`);
}

export type ExportArgs = { ledgerId: string; dataDir: string; out: string; from?: string; to?: string; towns?: string[]; template?: string; json?: boolean };

/** `qingshui export LEDGER_ID --data DIR --out FILE.xlsx [--from --to --town CODE …]`. */
export async function exportCommand(a: ExportArgs): Promise<void> {
  const out = resolve(a.out);
  if (!out.toLowerCase().endsWith('.xlsx')) throw new DomainError('invalid', `--out 应为 .xlsx 文件，收到“${a.out}”`);
  if (!existsSync(dirname(out))) throw new DomainError('not_found', `输出文件夹“${dirname(out)}”不存在`);
  if (a.template && !existsSync(a.template)) throw new DomainError('not_found', `模板文件“${a.template}”不存在`);
  const spec = availableLedger(a.ledgerId);
  const parsed = LedgerFilters.safeParse({ from: a.from, to: a.to, townCodes: a.towns });
  if (!parsed.success) throw new DomainError('invalid', Object.values(issuesToFields(parsed.error.issues)).join('；'));
  const wb = createWorkbench({ dataDir: a.dataDir, actor: 'system', create: false });
  try {
    const known = new Set(wb.store.db.prepare("SELECT code FROM regions WHERE level = 'town'").pluck().all() as string[]);
    const unknown = (a.towns ?? []).filter((t) => !known.has(t));
    if (unknown.length) throw new DomainError('invalid', `--town ${unknown.join('、')} 不是本县的镇街代码`);
    const started = Date.now();
    const context = ledgerContext({ store: wb.store, session: { personId: null }, actor: 'system' });
    const r = a.template ? await fillTemplate(wb.store.db, { spec, filters: parsed.data, out, template: a.template, ...context }) : await exportLedger(wb.store.db, {
      spec, filters: parsed.data, out, ...context,
      onProgress: (done, total) => { if (!a.json && process.stderr.isTTY) process.stderr.write(`\r导出中 ${done}/${total}`); },
    });
    if (a.json) { console.log(JSON.stringify({ ledger: spec.id, rows: r.rows, file: out, ms: Date.now() - started, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })); return; }
    console.log(`${process.stderr.isTTY ? '\n' : ''}已导出“${spec.name}”${r.rows} 行：${out}（用时 ${Date.now() - started} ms）`);
  } finally {
    wb.close();
  }
}
