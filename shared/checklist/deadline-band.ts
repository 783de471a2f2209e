/** 整改时限 bands a failing item proposes (DOMAIN: short/medium/long ≈ 6 months / 1–2 years / 3–5 years [M]). */
export const DEADLINE_BANDS = ['immediate', 'short', 'medium', 'long'] as const;
export type DeadlineBand = (typeof DEADLINE_BANDS)[number];

export const DEADLINE_BAND_LABELS: Record<DeadlineBand, string> = {
  immediate: '立行立改', short: '短期', medium: '中期', long: '长期',
};

/** Default days per band; a workspace may override them in settings. */
export const DEADLINE_BAND_DAYS: Record<DeadlineBand, number> = { immediate: 15, short: 180, medium: 365, long: 1095 };

/** The deadline date (yyyy-mm-dd) a band gives from a start date. */
export function deadlineFrom(start: string, band: DeadlineBand, days: Record<DeadlineBand, number> = DEADLINE_BAND_DAYS): string {
  const d = new Date(`${start.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days[band]);
  return d.toISOString().slice(0, 10);
}
