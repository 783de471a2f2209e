/**
 * Merging reference records field by field (DESIGN §5), the same on every replica and the hub.
 *
 * Each field keeps its heads: the values no later write has knowingly replaced. One head is the
 * normal case; two or more mean people changed the field concurrently — the newest HLC wins and is
 * the field's value, the others stay as conflicts until someone resolves them by writing a change
 * whose base names every head. The heads depend only on which changes exist, not on the order
 * they arrived in (given each writer's own changes arrive in order), so every replica shows the
 * same conflicts.
 *
 * Deletion is the field `deletedAt`. An edit made without seeing a deletion (its base lacks the
 * deletion's HLC) counts as a head of `deletedAt` with the value null — "keep the record" — so a
 * delete against an edit is a conflict like any other, and the newer of the two stands meanwhile.
 *
 * `raw` replays heads exactly as listed (a snapshot's heads, which already hold those outcomes).
 */

/**
 * One head: its HLC, author and value. A `deletedAt` head written by a change also remembers `r`, every
 * `deletedAt` head it (or what it replaced) knowingly replaced — so an edit that a deletion already
 * settled is not put back as "keep the record" when another, older deletion arrives later.
 */
export type Head = { h: string; a: string; v?: unknown; r?: string[] };
/** Per field, its heads, newest first (the first is the winner). */
export type FieldHeads = Record<string, Head[]>;

export type IncomingChange = { hlc: string; author: string; fields: Record<string, unknown>; base: Record<string, string[]> };

export type MergeOutcome = {
  heads: FieldHeads;
  /** Fields whose winning value is now the incoming change's (to write to the row). */
  won: Record<string, unknown>;
  /** True when the change was already part of these heads (a duplicate). */
  duplicate: boolean;
};

export const DELETED = 'deletedAt';

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function byNewest(a: Head, b: Head): number {
  return a.h < b.h ? 1 : a.h > b.h ? -1 : 0;
}

function mergeField(heads: Head[], incoming: Head, base: string[], field: string): Head[] {
  const kept = heads.filter((x) => !base.includes(x.h) && x.h !== incoming.h);
  if (field === DELETED) {
    const replaced = new Set(base);
    for (const x of heads) if (base.includes(x.h)) for (const h of x.r ?? []) replaced.add(h);
    if (replaced.size) incoming = { ...incoming, r: [...replaced].sort() };
  }
  return [...kept, incoming].sort(byNewest);
}

/** True when a change is already reflected in these heads or was knowingly replaced (seen in a base). */
function alreadyIn(heads: FieldHeads, c: IncomingChange): boolean {
  return Object.keys(c.fields).some((f) => (heads[f] ?? []).some((x) => x.h === c.hlc));
}

/**
 * Applies one change to a record's heads. Values of losing heads are kept in the heads (so a
 * conflict can be shown); the winner's value is kept too, so the heads alone describe the record.
 */
export function mergeChange(current: FieldHeads, c: IncomingChange, opts: { raw?: boolean } = {}): MergeOutcome {
  if (alreadyIn(current, c)) return { heads: current, won: {}, duplicate: true };
  if (isFirstWrite(current, c)) return firstWrite(c);
  const heads: FieldHeads = { ...current };
  const won: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(c.fields)) {
    const before = heads[field]?.[0];
    const next = mergeField(heads[field] ?? [], { h: c.hlc, a: c.author, v: value }, c.base[field] ?? [], field);
    heads[field] = next;
    // The winner may change to the incoming value, or — when it replaced the old winner but lost to
    // a concurrent one — to that other value: either way the row must show the new winner (unless
    // it says the same as before).
    if (!before || (next[0].h !== before.h && !sameValue(next[0].v, before.v))) won[field] = next[0].v ?? null;
  }
  if (opts.raw) return { heads, won, duplicate: false };
  const deletion = heads[DELETED];
  if (DELETED in c.fields && c.fields[DELETED] !== null) {
    // A deletion that did not see an edit: that edit stands as "keep the record".
    for (const [field, list] of Object.entries(current)) {
      if (field === DELETED) continue;
      for (const x of list) if (!(c.base[field] ?? []).includes(x.h) && !(c.base[DELETED] ?? []).includes(x.h)) addKeep(heads, x, won);
    }
  } else if (!(DELETED in c.fields) && (unseenDeletion(deletion, c) || replacesKept(c))) {
    addKeep(heads, { h: c.hlc, a: c.author }, won);
  }
  pruneKeeps(heads, won);
  return { heads, won, duplicate: false };
}

/** A record's first change, seeing nothing and deleting nothing (most of what a sync brings): each field has one head. */
function isFirstWrite(current: FieldHeads, c: IncomingChange): boolean {
  for (const _ in current) return false;
  for (const _ in c.base) return false;
  return !(DELETED in c.fields);
}

function firstWrite(c: IncomingChange): MergeOutcome {
  const heads: FieldHeads = {};
  const won: Record<string, unknown> = {};
  for (const field in c.fields) {
    const v = c.fields[field];
    heads[field] = [{ h: c.hlc, a: c.author, v }];
    won[field] = v ?? null;
  }
  return { heads, won, duplicate: false };
}

/** The change did not see a deletion that stands. */
function unseenDeletion(deletion: Head[] | undefined, c: IncomingChange): boolean {
  return !!deletion?.some((x) => x.v !== null && !(c.base[DELETED] ?? []).includes(x.h));
}

/** The change replaced, in some field, an edit that stood against a deletion: it stands in its place. */
function replacesKept(c: IncomingChange): boolean {
  const kept = c.base[DELETED];
  if (!kept?.length) return false;
  return Object.entries(c.base).some(([f, hs]) => f !== DELETED && hs.some((h) => kept.includes(h)));
}

/**
 * An edit stands against a deletion only while it is still a head of some field: once later edits
 * have replaced all it wrote, those stand in its place (`replacesKept`). Without this the kept
 * edits would depend on the order changes arrived in.
 */
function pruneKeeps(heads: FieldHeads, won: Record<string, unknown>): void {
  const list = heads[DELETED];
  if (!list?.some((x) => x.v === null)) return;
  const live = new Set<string>();
  for (const [f, hs] of Object.entries(heads)) if (f !== DELETED) for (const x of hs) live.add(x.h);
  const kept = list.filter((x) => x.v !== null || live.has(x.h));
  if (kept.length === list.length) return;
  const before = list[0]?.h;
  heads[DELETED] = kept;
  if (kept.length === 0) delete heads[DELETED];
  else if (kept[0].h !== before) won[DELETED] = kept[0].v ?? null;
}

function addKeep(heads: FieldHeads, edit: { h: string; a: string }, won: Record<string, unknown>): void {
  const list = heads[DELETED] ?? [];
  if (list.some((x) => x.h === edit.h || x.r?.includes(edit.h))) return;
  heads[DELETED] = [...list, { h: edit.h, a: edit.a, v: null }].sort(byNewest);
  if (heads[DELETED][0].h === edit.h) won[DELETED] = null;
}

/** The base a local write of these fields records: every head it replaces (and the deletion state it saw). */
export function baseFor(heads: FieldHeads, fields: Iterable<string>): Record<string, string[]> {
  const base: Record<string, string[]> = {};
  const names = new Set(fields);
  if (names.has(DELETED)) for (const f of Object.keys(heads)) names.add(f);
  if (heads[DELETED]?.length) names.add(DELETED);
  for (const f of names) {
    const hs = heads[f];
    if (hs?.length) base[f] = hs.map((x) => x.h);
  }
  return base;
}

/** Fields whose heads hold two or more different values: what the conflicts screen lists (the same value twice is agreement). */
/** Each field's winning value (the newest head), as the record reads. */
export function winningValues(heads: FieldHeads): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f in heads) out[f] = heads[f][0]?.v;
  return out;
}

export function conflictedFields(heads: FieldHeads): string[] {
  return Object.entries(heads).filter(([, hs]) => hs.length > 1 && new Set(hs.map((x) => JSON.stringify(x.v ?? null))).size > 1).map(([f]) => f);
}

/** True when some field has two different values (`conflictedFields` is not empty), without listing them. */
export function hasConflict(heads: FieldHeads): boolean {
  for (const f in heads) {
    const hs = heads[f];
    if (hs.length < 2) continue;
    const first = JSON.stringify(hs[0].v ?? null);
    for (let i = 1; i < hs.length; i++) if (JSON.stringify(hs[i].v ?? null) !== first) return true;
  }
  return false;
}

/** The newest HLC among a record's heads. */
export function newestHlc(heads: FieldHeads): string {
  let max = '';
  for (const hs of Object.values(heads)) if (hs.length && hs[0].h > max) max = hs[0].h;
  return max;
}
