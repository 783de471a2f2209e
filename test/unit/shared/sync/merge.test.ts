import { describe, expect, it } from 'vitest';
import { baseFor, conflictedFields, mergeChange, type FieldHeads, type IncomingChange } from '../../../../shared/sync/merge';
import { checkSigned } from '../../../../shared/sync/signed';
import { parentOf, writeRefusal, mayRead } from '../../../../shared/sync/roles';
import { inSnapshotOrder } from '../../../../shared/sync/entity-order';

const h = (ms: number, node: string, counter = 0) => `${ms.toString(16).padStart(12, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
const change = (hlc: string, fields: Record<string, unknown>, base: Record<string, string[]> = {}): IncomingChange => ({ hlc, author: hlc.slice(-1), fields, base });

function fold(changes: IncomingChange[]): { heads: FieldHeads; row: Record<string, unknown> } {
  let heads: FieldHeads = {};
  const row: Record<string, unknown> = {};
  for (const c of changes) {
    const r = mergeChange(heads, c);
    heads = r.heads;
    Object.assign(row, r.won);
  }
  return { heads, row };
}

const created = change(h(1000, 'a'), { name: '甲厂', phone: '1', note: '' });

describe('per-field merge', () => {
  it('sequential edits replace; concurrent edits of one field keep both, newest wins, in any arrival order', () => {
    const a = change(h(2000, 'a'), { phone: '2' }, { phone: [created.hlc] });
    const b = change(h(3000, 'b'), { phone: '3', note: '复核' }, { phone: [created.hlc], note: [created.hlc] });
    const one = fold([created, a, b]);
    const two = fold([created, b, a]);
    expect(one.heads).toEqual(two.heads);
    expect(one.row).toEqual(two.row);
    expect(one.row).toMatchObject({ phone: '3', note: '复核', name: '甲厂' });
    expect(conflictedFields(one.heads)).toEqual(['phone']);
    const seq = fold([created, a, change(h(2500, 'a'), { phone: '4' }, { phone: [a.hlc] })]);
    expect(conflictedFields(seq.heads)).toEqual([]);
    expect(seq.row.phone).toBe('4');
  });

  it('the same value written twice concurrently is agreement, not a conflict', () => {
    const a = change(h(2000, 'a'), { phone: '9' }, { phone: [created.hlc] });
    const b = change(h(2100, 'b'), { phone: '9' }, { phone: [created.hlc] });
    expect(conflictedFields(fold([created, a, b]).heads)).toEqual([]);
  });

  it('a resolution whose base names every head ends the conflict everywhere', () => {
    const a = change(h(2000, 'a'), { phone: '2' }, { phone: [created.hlc] });
    const b = change(h(3000, 'b'), { phone: '3' }, { phone: [created.hlc] });
    const { heads } = fold([created, a, b]);
    const fix = change(h(4000, 'c'), { phone: '2' }, baseFor(heads, ['phone']));
    const done = fold([created, a, b, fix]);
    expect(conflictedFields(done.heads)).toEqual([]);
    expect(done.row.phone).toBe('2');
  });

  it('a change that replaced the winner but lost to a concurrent value puts that value in the row', () => {
    const x = change(h(5000, 'x'), { note: 'x' }, { note: [created.hlc] });
    const y = change(h(4000, 'y'), { note: 'y' }, { note: [created.hlc] });
    const z = change(h(3000, 'z'), { note: 'z' }, { note: [x.hlc] }); // a slow clock: older HLC, but it saw x
    for (const order of [[created, x, y, z], [created, y, x, z], [created, x, z, y]]) {
      const r = fold(order);
      expect(r.row.note).toBe('y');
      expect(r.heads.note.map((v) => v.h)).toEqual([y.hlc, z.hlc]);
    }
  });

  it('a delete against an edit made without seeing it is a conflict on deletedAt, whichever arrives first', () => {
    const del = change(h(2000, 'a'), { deletedAt: '2026-11-29T08:00:00Z' }, { name: [created.hlc], phone: [created.hlc], note: [created.hlc] });
    const edit = change(h(3000, 'b'), { note: '仍在生产' }, { note: [created.hlc] });
    const one = fold([created, del, edit]);
    const two = fold([created, edit, del]);
    expect(one.heads).toEqual(two.heads);
    expect(conflictedFields(one.heads)).toEqual(['deletedAt']);
    expect(one.row.deletedAt).toBeNull(); // the newer edit keeps the record meanwhile
    const later = change(h(1500, 'b'), { note: '仍在生产' }, { note: [created.hlc] });
    expect(fold([created, del, later]).row.deletedAt).toBe('2026-11-29T08:00:00Z');
  });
});

describe('a deletion that settled an edit', () => {
  it('keeps it settled when an older concurrent deletion arrives afterwards, in any order', () => {
    const d1 = change(h(2000, 'a'), { deletedAt: '2026-11-29T08:00:00Z' }, { name: [created.hlc], phone: [created.hlc], note: [created.hlc] });
    const edit = change(h(2100, 'b'), { phone: '5' }, { phone: [created.hlc] });
    const seen = fold([created, d1, edit]).heads;
    const again = change(h(2200, 'a'), { deletedAt: '2026-11-29T09:00:00Z' }, baseFor(seen, ['deletedAt']));
    const d2 = change(h(1500, 'c'), { deletedAt: '2026-11-29T07:00:00Z' }, { name: [created.hlc], phone: [created.hlc], note: [created.hlc] });
    const orders = [[created, d1, edit, again, d2], [created, d2, d1, edit, again], [created, d1, edit, d2, again], [created, d1, d2, edit, again]];
    const results = orders.map((o) => fold(o));
    for (const r of results) expect(r.heads.deletedAt.map((x) => x.h).sort()).toEqual(results[0].heads.deletedAt.map((x) => x.h).sort());
    expect(results[0].heads.deletedAt.map((x) => x.h)).not.toContain(edit.hlc);
    expect(results[0].row.deletedAt).toBe('2026-11-29T09:00:00Z');
  });
});

describe('signed documents, roles, order', () => {
  it('a finalized record takes only the same hash again, or being superseded', () => {
    const heads: FieldHeads = { sha256: [{ h: h(1, 'a'), a: 'p', v: 'abc' }], state: [{ h: h(1, 'a'), a: 'p', v: 'finalized' }] };
    expect(checkSigned('inspection_record', heads, { sha256: 'abc' })).toBe('same');
    expect(checkSigned('inspection_record', heads, { sha256: 'abd' })).toContain('另一哈希');
    expect(checkSigned('inspection', heads, { body: '改过' })).toContain('已定稿');
    expect(checkSigned('inspection', heads, { state: 'superseded' })).toBeNull();
  });

  it('roles and areas: a town officer writes only in their towns, inspectors not the directories', () => {
    expect(writeRefusal('town', ['360799001000'], 'enterprise', '360799002000')).toContain('不在该账号负责的镇街');
    expect(writeRefusal('town', ['360799001000'], 'enterprise', '360799001000')).toBeNull();
    expect(writeRefusal('inspector', [], 'settings', null)).toContain('系统设置');
    expect(writeRefusal('bureau', [], 'settings', null)).toBeNull();
    expect(mayRead('town', ['360799001000'], '360799002000')).toBe(false);
    expect(mayRead('town', ['360799001000'], null)).toBe(true);
    expect(parentOf('record_event', 'e1', { stream: 'finding', streamId: 'f1' })).toEqual({ entity: 'finding', id: 'f1' });
    expect(parentOf('inspection_answer', 'i1/q1', {})).toEqual({ entity: 'inspection', id: 'i1' });
  });

  it('a snapshot brings what records refer to first', () => {
    expect(inSnapshotOrder(['record_event', 'enterprise', 'region', 'inspection_photo', 'inspection', 'zzz_new'])).toEqual(['region', 'enterprise', 'inspection', 'inspection_photo', 'record_event', 'zzz_new']);
  });
});
