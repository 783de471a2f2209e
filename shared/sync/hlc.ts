/**
 * Hybrid logical clock. A timestamp is `${12 hex ms}-${4 hex counter}-${node}`, so timestamps sort
 * as text in causal order and ties break by node.
 */

export type Hlc = string;

/** Remote clocks further ahead of our wall clock than this are flagged and not followed. */
export const MAX_DRIFT_MS = 5 * 60 * 1000;

export type ParsedHlc = { ms: number; counter: number; node: string };

/** Splits a timestamp into its parts; throws on a malformed one. */
export function parseHlc(hlc: Hlc): ParsedHlc {
  const m = /^([0-9a-f]{12})-([0-9a-f]{4})-([0-9a-z]+)$/.exec(hlc);
  if (!m) throw new Error(`HLC 格式错误：${hlc}`);
  return { ms: parseInt(m[1], 16), counter: parseInt(m[2], 16), node: m[3] };
}

/** Formats parts as a sortable timestamp. */
export function formatHlc({ ms, counter, node }: ParsedHlc): Hlc {
  return `${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

/** A clock for one node; `last` is the newest timestamp this node has issued or seen. */
export function createClock(node: string, last: Hlc | null, now: () => number = () => Date.now()) {
  let state: ParsedHlc = last ? { ...parseHlc(last), node } : { ms: 0, counter: 0, node };
  return {
    /** A new timestamp for a local event, later than every one before it. */
    next(): Hlc {
      const wall = now();
      state = wall > state.ms ? { ms: wall, counter: 0, node } : { ms: state.ms, counter: state.counter + 1, node };
      if (state.counter > 0xffff) state = { ms: state.ms + 1, counter: 0, node };
      return formatHlc(state);
    },
    /** Merges a remote timestamp; a far-future one is reported instead of followed. */
    receive(remote: Hlc): { hlc: Hlc; drifted: boolean } {
      const r = parseHlc(remote);
      const wall = now();
      if (r.ms - wall > MAX_DRIFT_MS) return { hlc: this.next(), drifted: true };
      const ms = Math.max(wall, state.ms, r.ms);
      let counter = 0;
      if (ms === state.ms && ms === r.ms) counter = Math.max(state.counter, r.counter) + 1;
      else if (ms === state.ms) counter = state.counter + 1;
      else if (ms === r.ms) counter = r.counter + 1;
      state = { ms, counter, node };
      return { hlc: formatHlc(state), drifted: false };
    },
    last(): Hlc { return formatHlc(state); },
  };
}

export type Clock = ReturnType<typeof createClock>;
