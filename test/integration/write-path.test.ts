import { describe, expect, it } from 'vitest';
import { ENTERPRISE, REGION } from '../../electron/store/entities';
import { openStore } from '../../electron/store/store';
import { join } from 'node:path';
import { tempDir } from './helpers';

function freshStore() {
  const store = openStore(join(tempDir(), 'w.qingshui'));
  store.write(REGION, '360799101000', { name: '龙潭镇', level: 'town', parentCode: null }, 'system');
  return store;
}

const changes = (store: ReturnType<typeof openStore>, id: string) =>
  (store.db.prepare('SELECT node, entity, hlc, author, fields FROM changes WHERE entity_id = ? ORDER BY seq').all(id) as { node: string; entity: string; hlc: string; author: string; fields: string }[])
    .map((c) => ({ ...c, fields: JSON.parse(c.fields) as Record<string, unknown> }));

const base = { name: '清水县甲公司', uscc: '91130200699229617X', keyUnit: true, state: '在产', address: '', townCode: '360799101000',
  legalRepresentative: '', contactName: '', contactPhone: '', tags: ['涉VOCs'], note: '' };

describe('the one write path', () => {
  it('writes the row and one change record with every field, its HLC and author, in the same transaction', () => {
    const store = freshStore();
    const r = store.write(ENTERPRISE, 'e1', base, 'person-1');
    expect(r.created).toBe(true);
    const [c] = changes(store, 'e1');
    expect(c).toMatchObject({ node: store.nodeId, entity: 'enterprise', author: 'person-1' });
    expect(c.fields).toMatchObject({ name: '清水县甲公司', keyUnit: true, tags: ['涉VOCs'] });
    const row = store.db.prepare('SELECT key_unit, tags FROM enterprises WHERE id = ?').get('e1');
    expect(row).toEqual({ key_unit: 1, tags: '["涉VOCs"]' });
    store.close();
  });

  it('records only the fields that changed, and nothing for a write that changes nothing', () => {
    const store = freshStore();
    store.write(ENTERPRISE, 'e1', base, 'system');
    const r = store.write(ENTERPRISE, 'e1', { ...base, name: '清水县乙公司' }, 'p2');
    expect(r.changed).toEqual(['name']);
    expect(store.write(ENTERPRISE, 'e1', { ...base, name: '清水县乙公司' }, 'p2')).toMatchObject({ changed: [], hlc: null });
    const cs = changes(store, 'e1');
    expect(cs).toHaveLength(2);
    expect(cs[1].fields).toEqual({ name: '清水县乙公司' });
    expect(cs[1].hlc > cs[0].hlc).toBe(true);
    store.close();
  });

  it('deletes by tombstone: the row stays, marked, and the deletion is a change', () => {
    const store = freshStore();
    store.write(ENTERPRISE, 'e1', base, 'system');
    store.write(ENTERPRISE, 'e1', { deletedAt: '2026-11-29T00:00:00.000Z' }, 'p1');
    expect(store.db.prepare('SELECT deleted_at FROM enterprises WHERE id = ?').pluck().get('e1')).toBe('2026-11-29T00:00:00.000Z');
    expect(changes(store, 'e1')[1].fields).toEqual({ deletedAt: '2026-11-29T00:00:00.000Z' });
    store.close();
  });

  it('leaves neither row nor change behind when a write fails inside a transaction', () => {
    const store = freshStore();
    const before = store.db.prepare('SELECT count(*) FROM changes').pluck().get();
    expect(() => store.transaction(() => {
      store.write(ENTERPRISE, 'e1', base, 'system');
      store.write(ENTERPRISE, 'e2', { ...base, townCode: '999999999000' }, 'system'); // foreign key fails
    })).toThrow();
    expect(store.db.prepare('SELECT count(*) FROM enterprises').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(before);
    store.close();
  });

  it('carries on the clock after reopening, so HLCs keep increasing', () => {
    const file = join(tempDir(), 'w.qingshui');
    let store = openStore(file);
    store.write(REGION, '360799101000', { name: '龙潭镇', level: 'town', parentCode: null }, 'system');
    const first = store.clock.last();
    const node = store.nodeId;
    store.close();
    store = openStore(file);
    expect(store.nodeId).toBe(node);
    expect(store.clock.next() > first).toBe(true);
    store.close();
  });

  it('numbers and stamps changes in order when two processes write one workspace (the app and a command line)', () => {
    const file = join(tempDir(), 'w.qingshui');
    const app = openStore(file);
    const cli = openStore(file);
    expect(cli.nodeId).toBe(app.nodeId);
    for (let i = 0; i < 20; i++) {
      const store = i % 3 === 0 ? cli : app;
      store.write(REGION, `3607991${String(i).padStart(2, '0')}000`, { name: `第${i}镇`, level: 'town', parentCode: null }, 'system');
    }
    const rows = app.db.prepare('SELECT nseq, hlc FROM changes WHERE node = ? ORDER BY seq').all(app.nodeId) as { nseq: number; hlc: string }[];
    expect(rows.map((r) => r.nseq)).toEqual(rows.map((_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].hlc > rows[i - 1].hlc).toBe(true);
    cli.close(); app.close();
  });
});
