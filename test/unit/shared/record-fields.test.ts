import { describe, expect, it } from 'vitest';
import { ENTITY_TABLES } from '../../../electron/store/entities';
import { changeFieldsProblem, RECORD_FIELDS } from '../../../shared/sync/record-fields';
import { loopWorkbench } from '../../integration/helpers';

describe('the fields a change may carry (what the hub checks)', () => {
  it('are exactly the fields of the laptop’s tables, kind by kind', () => {
    expect(Object.keys(RECORD_FIELDS).sort()).toEqual([...ENTITY_TABLES.keys()].sort());
    for (const [entity, spec] of ENTITY_TABLES) expect(Object.keys(RECORD_FIELDS[entity]).sort(), entity).toEqual(Object.keys(spec.columns).sort());
  });

  it('accept every change a real county’s workspace writes (closed loop, inspections, plans, map)', async () => {
    const wb = await loopWorkbench(20);
    const rows = wb.store.db.prepare('SELECT entity, entity_id, fields FROM changes').all() as { entity: string; entity_id: string; fields: string }[];
    expect(rows.length).toBeGreaterThan(1000);
    const problems = rows.map((r) => [r.entity, r.entity_id, changeFieldsProblem(r.entity, JSON.parse(r.fields))]).filter((p) => p[2] !== null);
    expect(problems.slice(0, 5)).toEqual([]);
  }, 60_000);

  it('refuse an unknown kind or field, a wrong type and an oversized value, naming them', () => {
    expect(changeFieldsProblem('virus', {})).toBe('未知的记录类型“virus”');
    expect(changeFieldsProblem('enterprise', { name: '甲厂', payload: '<script>' })).toContain('没有字段 “payload”');
    expect(changeFieldsProblem('enterprise', { lon: '115.1' })).toContain('“lon”');
    expect(changeFieldsProblem('enterprise', { name: 'x'.repeat(501) })).toContain('“name”');
    expect(changeFieldsProblem('enterprise', { tags: ['x'.repeat(300_000)] })).toContain('内容过大');
    expect(changeFieldsProblem('inspection_photo', { sha256: '../../etc/passwd' })).toContain('SHA-256');
    expect(changeFieldsProblem('enterprise', { name: '甲厂', deletedAt: null })).toBeNull();
  });
});
