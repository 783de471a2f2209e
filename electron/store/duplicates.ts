import type { Database } from 'better-sqlite3';
import { entityName } from '../../shared/sync/entity-names';
import { prepared } from './statements';

/** Records that share a code meant to be unique: registered on two laptops before either synced. */
export type Duplicate = { entity: string; entityName: string; keyLabel: string; key: string; records: { id: string; name: string }[] };

type Group = { key: string; records: string };

const KINDS = [
  {
    entity: 'outfall', keyLabel: '排污口编码',
    sql: `SELECT code AS key, json_group_array(json_object('id', id, 'name', name)) AS records FROM
      (SELECT code, id, name FROM outfalls WHERE code IS NOT NULL AND deleted_at IS NULL ORDER BY id)
      GROUP BY code HAVING count(*) > 1 ORDER BY code`,
  },
  {
    entity: 'complaint', keyLabel: '信访编号',
    sql: `SELECT number AS key, json_group_array(json_object('id', id, 'name', CASE WHEN target_name <> '' THEN target_name ELSE substr(content, 1, 24) END)) AS records FROM
      (SELECT number, id, target_name, content FROM complaints WHERE deleted_at IS NULL ORDER BY id)
      GROUP BY number HAVING count(*) > 1 ORDER BY number`,
  },
  {
    entity: 'checklist_template', keyLabel: '模板代码与版本',
    sql: `SELECT code || ' 第 ' || version || ' 版' AS key, json_group_array(json_object('id', id, 'name', name)) AS records FROM
      (SELECT code, version, id, name FROM checklist_templates WHERE deleted_at IS NULL ORDER BY id)
      GROUP BY code, version HAVING count(*) > 1 ORDER BY code, version`,
  },
];

/**
 * Every code held by more than one record. The services refuse a duplicate typed here; these came
 * by sync, where both laptops' records are kept (refusing one would leave replicas different), so
 * someone must keep one and delete or correct the other — the same list on every replica.
 */
export function listDuplicates(db: Database): Duplicate[] {
  return KINDS.flatMap(({ sql, ...kind }) => (prepared(db, sql).all() as Group[])
    .map((g) => ({ ...kind, entityName: entityName(kind.entity), key: g.key, records: JSON.parse(g.records) as Duplicate['records'] })));
}
