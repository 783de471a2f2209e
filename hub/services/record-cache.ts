import type { Queryable } from '../db/hub-db';
import { recordRow, type RecordRow } from '../db/records';

/**
 * The hub's records as one push page reads and writes them (inside its serialised transaction): an
 * inspection's answers, photos and signatures each look up the same inspection, so a page of them
 * reads it once. Every write of the page goes through `set`; children moved with their parent are
 * forgotten (`moved`), so what is read is always what the database holds.
 */
export class RecordCache {
  private rows = new Map<string, RecordRow | null>();
  private children = new Map<string, Set<string>>();
  constructor(readonly q: Queryable) {}

  /** The record's row as the database holds it, read once per page. */
  async get(entity: string, id: string): Promise<RecordRow | undefined> {
    const key = `${entity}:${id}`;
    if (!this.rows.has(key)) {
      const row = await recordRow(this.q, entity, id);
      this.remember(key, row ?? null);
    }
    return this.rows.get(key) ?? undefined;
  }

  /** What the page just wrote for this record. */
  set(entity: string, id: string, row: RecordRow): void {
    this.remember(`${entity}:${id}`, row);
  }

  /** The children of this record took its town in the database: forget what was read of them. */
  moved(parentKey: string): void {
    for (const key of this.children.get(parentKey) ?? []) this.rows.delete(key);
    this.children.delete(parentKey);
  }

  private remember(key: string, row: RecordRow | null): void {
    this.rows.set(key, row);
    if (row?.parent) {
      let set = this.children.get(row.parent);
      if (!set) this.children.set(row.parent, (set = new Set()));
      set.add(key);
    }
  }
}
