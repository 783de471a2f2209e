/** Small timing helpers for the bench: percentiles over repeated runs. */
export function timeRuns(runs: number, fn: (i: number) => void): number[] {
  for (let i = 0; i < Math.min(5, runs); i++) fn(i); // warm up caches and statement plans
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))];
}

/** Prints one figure as `name: value unit`, its baseline and target on the same line. */
export function report(name: string, value: number, unit: string, baseline: { name: string; value: number }, target?: { max: number } | { min: number }): boolean {
  const ok = !target ? true : 'max' in target ? value <= target.max : value >= target.min;
  const ratio = baseline.value > 0 ? ` (${(value / baseline.value).toFixed(2)}× baseline)` : '';
  const goal = !target ? '' : 'max' in target ? `; target ≤ ${Number(target.max.toFixed(2))} ${unit}: ${ok ? 'ok' : 'MISSED'}` : `; target ≥ ${target.min} ${unit}: ${ok ? 'ok' : 'MISSED'}`;
  console.log(`${name}: ${value.toFixed(2)} ${unit}  [baseline ${baseline.name}: ${baseline.value.toFixed(2)} ${unit}${ratio}${goal}]`);
  return ok;
}
