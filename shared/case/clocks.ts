import type { CaseFold } from './fold';
import { CASE_CLOCK_LABELS, CASE_CLOCK_SOURCES, type CaseClockKey } from './limits';

/** One statutory clock of a case: when it falls due, and when what it waits for was done. */
export type CaseClock = { key: CaseClockKey; label: string; due: string; done: string | null; workdays: boolean; source: string };
export type ClockState = 'open' | 'overdue' | 'done' | 'late';

/** The clocks a case's state has started (a clock not started yet is not listed). */
export function caseClocks(f: CaseFold): CaseClock[] {
  const clock = (key: CaseClockKey, due: string | null, done: string | null, workdays = false): CaseClock[] =>
    due ? [{ key, label: CASE_CLOCK_LABELS[key], due, done, workdays, source: CASE_CLOCK_SOURCES[key] }] : [];
  // The party's period is met by their statement; without one it simply runs out (clockState: done once past).
  return [
    ...clock('file', f.fileBy, f.filedAt ?? (f.state === 'closed' ? f.closedAt : null)),
    ...clock('decide', f.decideBy, f.decision?.at ?? f.transferredAt),
    ...clock('statement', f.statementBy, f.statement?.at ?? null, true),
    ...serveClock(f),
    // A case closed is settled (cases decided before payments were recorded have none).
    ...clock('pay', f.decision?.kind === 'penalty' && f.decision.amount ? f.payBy : null, f.paidAt ?? f.closedAt),
    ...clock('publish', f.publishBy, f.publishedAt, true),
  ];
}

/** 送达处罚决定书: 7 working days from the 决定书 (its document's date), done when served. */
function serveClock(f: CaseFold): CaseClock[] {
  const d = f.documents.filter((x) => x.kind === 'penalty').at(-1);
  if (!d || !f.serveBy) return [];
  return [{ key: 'serve', label: CASE_CLOCK_LABELS.serve, due: f.serveBy, done: d.served?.at ?? (f.state === 'closed' ? f.closedAt : null), workdays: true, source: CASE_CLOCK_SOURCES.serve }];
}

/**
 * Where a clock stands on `today`: done in time, done late, still open, or overdue. The party's own
 * clock (陈述申辩) passing is not the bureau's lateness: it is done once the period ends.
 */
export function clockState(c: CaseClock, today: string): ClockState {
  if (c.done) return c.done > c.due && c.key !== 'statement' ? 'late' : 'done';
  if (c.key === 'statement') return c.due < today ? 'done' : 'open';
  return c.due < today ? 'overdue' : 'open';
}

/** The earliest due date of the bureau's clocks still running (for lists and warnings), or null. */
export function nextDue(clocks: readonly CaseClock[]): string | null {
  const open = clocks.filter((c) => !c.done && c.key !== 'statement' && c.key !== 'pay').map((c) => c.due).sort();
  return open[0] ?? null;
}
