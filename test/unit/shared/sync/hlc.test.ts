import { describe, expect, it } from 'vitest';
import { MAX_DRIFT_MS, createClock, formatHlc, parseHlc } from '../../../../shared/sync/hlc';

describe('hybrid logical clock', () => {
  it('issues strictly increasing timestamps even when the wall clock stands still or goes back', () => {
    let now = 1_000_000;
    const clock = createClock('a1', null, () => now);
    const seen = [clock.next(), clock.next()];
    now -= 5000;
    seen.push(clock.next());
    now += 10_000;
    seen.push(clock.next());
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });
  it('moves past a remote timestamp it receives', () => {
    const now = 1_000_000;
    const clock = createClock('a1', null, () => now);
    const remote = formatHlc({ ms: now + 1000, counter: 7, node: 'b2' });
    const { hlc, drifted } = clock.receive(remote);
    expect(drifted).toBe(false);
    expect(hlc > remote).toBe(true);
    expect(clock.next() > hlc).toBe(true);
  });
  it('flags a far-future clock instead of following it', () => {
    const now = 1_000_000;
    const clock = createClock('a1', null, () => now);
    const { hlc, drifted } = clock.receive(formatHlc({ ms: now + MAX_DRIFT_MS + 1, counter: 0, node: 'b2' }));
    expect(drifted).toBe(true);
    expect(parseHlc(hlc).ms).toBe(now);
  });
  it('resumes after the last timestamp it issued', () => {
    const last = formatHlc({ ms: 5_000_000, counter: 3, node: 'a1' });
    expect(createClock('a1', last, () => 1000).next() > last).toBe(true);
  });
});
