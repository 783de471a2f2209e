import type { Change } from '../../shared/sync/change';
import { insertChanges, type Receipt } from '../db/changes';
import type { Queryable } from '../db/hub-db';
import { parentsAmong, recordRow, recordRows, saveRecords, setChildrenTown, type RecordRow, type RecordState } from '../db/records';

const key = (entity: string, id: string) => `${entity}:${id}`;

/** A record's state as the page leaves it, waiting to be written with its last change's hub sequence. */
type PendingRecord = Omit<RecordState, 'lastSeq'> & { change: number };

/**
 * The hub's records as one push page reads and writes them, inside its serialised transaction (issue 21:
 * a change used to cost five round trips to the database). The page's records are read in one query
 * (`preload`), an inspection's answers, photos and signatures each look up the same inspection once,
 * and what the page writes — its changes and the records' new states — is kept here and written in a
 * few multi-row statements (`flush`) at the end of the page, or before anything reads the tables
 * directly (a repeated change, a town officer's file, children moved with a parent that moved). Every
 * write of the page goes through `logChange` and `set`, so what is read through here is always what
 * the database will hold.
 */
export class RecordCache {
  private rows = new Map<string, RecordRow | null>();
  private children = new Map<string, Set<string>>();
  /** Records the database holds children of, among those `checked` (read once per page for its records) — and those whose children this page wrote. */
  private parents = new Set<string>();
  private checked = new Set<string>();
  private changes: { c: Change; receipt: Receipt }[] = [];
  private pending = new Map<string, PendingRecord>();
  constructor(readonly q: Queryable) {}

  /** Reads these records (and which of them have children at the hub) in a few queries: a page's worth at once. */
  async preload(keys: { entity: string; id: string }[]): Promise<void> {
    const unread = [...new Map(keys.map((k) => [key(k.entity, k.id), k])).entries()].filter(([k]) => !this.rows.has(k));
    const found = await recordRows(this.q, unread.map(([, k]) => k));
    for (const [k, r] of unread) this.remember(k, found.get(k) ?? null);
    for (const p of await parentsAmong(this.q, unread.map(([k]) => k))) this.parents.add(p);
    for (const [k] of unread) this.checked.add(k);
  }

  /** The record's row as the database (with what this page wrote) holds it. */
  async get(entity: string, id: string): Promise<RecordRow | undefined> {
    const k = key(entity, id);
    if (!this.rows.has(k)) {
      const row = await recordRow(this.q, entity, id);
      this.remember(k, row ?? null);
    }
    return this.rows.get(k) ?? undefined;
  }

  /** Logs a change (written at the next flush, numbered then); returns its place in the page. */
  logChange(c: Change, receipt: Receipt): number {
    this.changes.push({ c, receipt });
    return this.changes.length - 1;
  }

  /** What the page just wrote for this record, as of its change `change` (from logChange). */
  set(state: Omit<RecordState, 'lastSeq'>, change: number): void {
    const k = key(state.entity, state.entityId);
    this.remember(k, { heads: state.heads, town: state.town, parent: state.parent });
    this.pending.set(k, { ...state, change });
  }

  /**
   * This record's children take its town: those the page holds here at once, those the database
   * holds by one statement (flushed first) — only when it has any, or when the record moved.
   */
  async moveChildren(entity: string, id: string, town: string | null, moved: boolean): Promise<void> {
    const k = key(entity, id);
    for (const child of this.children.get(k) ?? []) {
      const row = this.rows.get(child);
      if (row) this.rows.set(child, { ...row, town });
      const p = this.pending.get(child);
      if (p) p.town = town;
    }
    if (!moved && !this.checked.has(k)) {
      if ((await parentsAmong(this.q, [k])).length) this.parents.add(k);
      this.checked.add(k);
    }
    if (!moved && !this.parents.has(k)) return;
    await this.flush();
    await setChildrenTown(this.q, k, town);
    // What was read of them is stale now: read again when asked.
    for (const child of this.children.get(k) ?? []) this.rows.delete(child);
    this.children.delete(k);
  }

  /** Writes what the page holds: its changes in order (numbered by the database), then each record's state once. */
  async flush(): Promise<void> {
    if (!this.changes.length) return;
    const seqs = await insertChanges(this.q, this.changes);
    const states = [...this.pending.values()].map(({ change, ...s }) => ({ ...s, lastSeq: seqs[change] }));
    // Children written now are the database's: a parent arriving later in the page moves them there.
    for (const s of states) if (s.parent) this.parents.add(s.parent);
    this.changes = [];
    this.pending.clear();
    await saveRecords(this.q, states);
  }

  private remember(k: string, row: RecordRow | null): void {
    this.rows.set(k, row);
    if (row?.parent) {
      let set = this.children.get(row.parent);
      if (!set) this.children.set(row.parent, (set = new Set()));
      set.add(k);
    }
  }
}
