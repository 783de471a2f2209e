/**
 * 信访编号 (issue 21: "信访编号 and other county-wide numbers are allocated by the hub when online (a
 * provisional number offline, replaced at sync and shown as such)"). The county's number is
 * `YYYY-NNNN` — the year the letter or call was received and its order in that year. A laptop that
 * works without a hub numbers its own complaints so; a laptop joined to a hub gives a new complaint a
 * provisional number, `临时-YYYY-<device>-NN`, which the hub replaces with the next county number when
 * the complaint reaches it (hub/services/numbering.ts). A number the hub did not give — a laptop's own,
 * from before it joined — is kept when no other complaint has it, else replaced.
 */

const OFFICIAL = /^(\d{4})-(\d{4,})$/;
const PROVISIONAL = /^临时-(\d{4})-/;

/** The county number of a complaint: the year and its order. */
export function complaintNumber(year: string, seq: number): string {
  return `${year}-${String(seq).padStart(4, '0')}`;
}

/** The year and order of a county number, or null for any other text. */
export function parseComplaintNumber(number: string): { year: string; seq: number } | null {
  const m = OFFICIAL.exec(number);
  return m ? { year: m[1], seq: Number(m[2]) } : null;
}

/** A provisional number: this device's `n`-th of the year, until the hub gives the county's. */
export function provisionalComplaintNumber(year: string, device: string, n: number): string {
  return `临时-${year}-${device}-${String(n).padStart(2, '0')}`;
}

/** Whether a number is provisional (the hub has not numbered the complaint yet). */
export function isProvisionalNumber(number: unknown): boolean {
  return typeof number === 'string' && PROVISIONAL.test(number);
}

/** The year a provisional number was given in. */
export function provisionalYear(number: string): string | null {
  return PROVISIONAL.exec(number)?.[1] ?? null;
}
