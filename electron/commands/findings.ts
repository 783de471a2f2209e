import { DomainError } from '../../shared/api/result';
import { FINDING_STATE_LABELS, FINDING_STATES, type FindingState } from '../../shared/finding/states';
import { withWorkbench } from '../core/maintenance';
import { allRows } from './all-rows';

export type FindingsOptions = { dataDir: string; state?: string; town?: string; overdue: boolean; json: boolean };

/** `qingshui findings --data DIR [--state S] [--town CODE] [--overdue] [--json]`: the findings and their close-out state. */
export async function findingsCommand(o: FindingsOptions): Promise<void> {
  if (o.state && !(FINDING_STATES as readonly string[]).includes(o.state)) {
    throw new DomainError('invalid', `--state 应为 ${FINDING_STATES.map((s) => `${s}（${FINDING_STATE_LABELS[s]}）`).join('、')} 之一`);
  }
  const { today, total, rows } = await withWorkbench(o.dataDir, async (wb) => {
    const filter = { state: o.state as FindingState | undefined, townCode: o.town, overdue: o.overdue || undefined };
    return { ...(await allRows((offset, limit) => wb.call('findings.list', { ...filter, offset, limit }))), today: (await wb.call('workspace.info', {})).today };
  });
  if (o.json) { console.log(JSON.stringify({ total, today, rows })); return; }
  for (const f of rows) {
    console.log(`${f.foundAt}  ${FINDING_STATE_LABELS[f.state].padEnd(6, '　')}${f.overdue ? ' 超期' : ''}  ${f.townName ?? '—'}  ${f.targetName}：${f.description}（${f.responsibleUnit} ${f.responsiblePerson}，时限 ${f.deadline}）`);
  }
  console.log(`共 ${total} 个问题`);
}
