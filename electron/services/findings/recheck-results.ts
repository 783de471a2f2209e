import type { RecheckRow } from '../../../shared/checklist/recheck';
import { getFinding } from '../../store/findings';
import { today } from '../clock';
import type { ServiceContext } from '../context';
import { actOnFinding } from './index';

/**
 * A finalized 复查 drives each problem it recorded (issue 19), as its officers' own actions:
 * - 已整改 — 复查合格: a problem waiting for its re-check passes it; one still being rectified is taken as
 *   done and passes (申请验收 + 复查合格), ready for 验收; a 销号 one's after-close re-check is settled;
 * - 部分整改 / 未整改 — a problem waiting for its re-check fails it (back to 整改中), one still being
 *   rectified gets the finding as 整改进展, a 销号 one is 反弹.
 * A problem accepted or in 公示 found not rectified goes back (重新打开); otherwise the result is a remark.
 */
export function applyRecheckResults(ctx: ServiceContext, inspectionId: string, target: { kind: string; id: string | null }, startedAt: string, rows: readonly RecheckRow[]): void {
  for (const r of rows) {
    const f = getFinding(ctx.store.db, r.findingId, today());
    if (!f || !r.result) continue;
    // Only this target's problems; the day of the 复查, never before the problem was found nor after today.
    if (f.targetKind !== target.kind || f.targetId !== target.id) continue;
    const day = startedAt.slice(0, 10) < f.foundAt ? f.foundAt : startedAt;
    const at = day.slice(0, 10) > today() ? today() : day;
    const seen = `现场复查（${r.result}）${r.note ? `：${r.note}` : ''}`;
    const done = r.result === '已整改';
    const act = (kind: 'submitted' | 'rechecked' | 'progress' | 'reopened' | 'comment', data: Record<string, unknown> = {}) =>
      actOnFinding(ctx, r.findingId, { kind, at, text: seen, data, blobs: [] });
    if (f.state === 'submitted' || f.state === 'closed') act('rechecked', { inspectionId, passed: done });
    else if (['open', 'rectifying', 'reopened'].includes(f.state)) {
      if (done) { act('submitted'); act('rechecked', { inspectionId, passed: true }); } else act('progress');
    } else if (!done && (f.state === 'accepted' || f.state === 'noticed')) act('reopened');
    else act('comment');
  }
}
