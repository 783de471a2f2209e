import { DomainError } from '../../shared/api/result';
import { FINDING_STATE_LABELS, FINDING_STATES, type FindingState } from '../../shared/finding/states';
import { createWorkbench } from '../core/workbench';
import { today } from '../services/clock';
import { listFindings } from '../store/findings';

export type FindingsOptions = { dataDir: string; state?: string; town?: string; overdue: boolean; json: boolean };

/** `qingshui findings --data DIR [--state S] [--town CODE] [--overdue] [--json]`: the findings and their close-out state. */
export function findingsCommand(o: FindingsOptions): void {
  if (o.state && !(FINDING_STATES as readonly string[]).includes(o.state)) {
    throw new DomainError('invalid', `--state 应为 ${FINDING_STATES.map((s) => `${s}（${FINDING_STATE_LABELS[s]}）`).join('、')} 之一`);
  }
  const wb = createWorkbench({ dataDir: o.dataDir, actor: 'system', create: false });
  try {
    const filter = { state: o.state as FindingState | undefined, townCode: o.town, overdue: o.overdue || undefined };
    const { total, rows } = listFindings(wb.store.db, filter, today(), 0, 1_000_000);
    if (o.json) { console.log(JSON.stringify({ total, today: today(), rows })); return; }
    for (const f of rows) {
      console.log(`${f.foundAt}  ${FINDING_STATE_LABELS[f.state].padEnd(6, '　')}${f.overdue ? ' 超期' : ''}  ${f.townName ?? '—'}  ${f.targetName}：${f.description}（${f.responsibleUnit} ${f.responsiblePerson}，时限 ${f.deadline}）`);
    }
    console.log(`共 ${total} 个问题`);
  } finally {
    wb.close();
  }
}
