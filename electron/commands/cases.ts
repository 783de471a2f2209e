import type { Case } from '../../shared/api/cases';
import { DomainError } from '../../shared/api/result';
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from '../../shared/case/fold';
import { withWorkbench } from '../core/maintenance';
import { allRows } from './all-rows';

export type CasesOptions = { dataDir: string; state?: string; overdue: boolean; json: boolean; id?: string };

const CLOCK_STATE = { open: '进行中', overdue: '已逾期', done: '已完成', late: '逾期完成' } as const;

/**
 * `qingshui cases --data DIR [--state S] [--overdue] [--json]`: the cases and every statutory clock
 * (issue 19); `qingshui cases CASE_ID --data DIR [--json]`: one case file — its clocks, documents and 送达.
 */
export async function casesCommand(o: CasesOptions): Promise<void> {
  if (o.state && !(CASE_STATES as readonly string[]).includes(o.state)) {
    throw new DomainError('invalid', `--state 应为 ${CASE_STATES.map((s) => `${s}（${CASE_STATE_LABELS[s]}）`).join('、')} 之一`);
  }
  if (o.id) {
    const detail = await withWorkbench(o.dataDir, (wb) => wb.call('cases.get', { id: o.id! }));
    if (o.json) { console.log(JSON.stringify({ case: detail.case, documents: detail.documents })); return; }
    printCase(detail.case);
    for (const d of detail.documents) console.log(`  文书 ${d.seq}. ${d.title} ${d.number}（${d.at}）${d.kind === 'inquiry' ? '' : d.served ? ` 已${d.served.method} ${d.served.at}` : ' 未送达'}  [${d.id}]  SHA-256 ${d.sha256.slice(0, 16)}…${d.flag ? `  无效：${d.flag}` : ''}`);
    return;
  }
  const { today, total, rows } = await withWorkbench(o.dataDir, async (wb) => ({
    ...(await allRows((offset, limit) => wb.call('cases.list', { state: o.state as CaseState | undefined, clockOverdue: o.overdue || undefined, offset, limit }))),
    today: (await wb.call('workspace.info', {})).today,
  }));
  if (o.json) { console.log(JSON.stringify({ total, today, rows })); return; }
  for (const c of rows) printCase(c);
  console.log(`共 ${total} 件案件`);
}

function printCase(c: Case): void {
  console.log(`${c.openedAt}  ${CASE_STATE_LABELS[c.state]}  ${c.filedNumber ?? '（未立案）'}  ${c.party}  [${c.id}]`);
  for (const k of c.clocks) console.log(`    ${k.label}：${k.due}${k.workdays ? '（工作日）' : ''} ${CLOCK_STATE[k.state]}${k.done ? `（${k.done}）` : ''}`);
}
