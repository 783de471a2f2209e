import { FINDING_STATES } from '../../shared/finding/states';
import type { Database } from 'better-sqlite3';
import type { Overview } from '../../shared/api/workspace';
import { prepared } from './statements';

/** The county at a glance, by town (分区域): two grouped scans instead of a query per town. */
export function overview(db: Database): Overview {
  const towns = prepared(db, `
    SELECT r.code, r.name,
      (SELECT count(*) FROM enterprises e WHERE e.town_code = r.code AND e.deleted_at IS NULL) AS enterprises,
      (SELECT count(*) FROM enterprises e WHERE e.town_code = r.code AND e.deleted_at IS NULL AND e.key_unit = 1) AS key_units,
      (SELECT count(*) FROM outfalls o WHERE o.town_code = r.code AND o.deleted_at IS NULL) AS outfalls,
      (SELECT count(*) FROM outfalls o WHERE o.town_code = r.code AND o.deleted_at IS NULL AND o.remediation_state = '整治中') AS remediating
    FROM regions r WHERE r.level = 'town' AND r.deleted_at IS NULL ORDER BY r.code`).all() as Record<string, string | number>[];
  const byTown = towns.map((t) => ({
    townCode: t.code as string, townName: t.name as string, enterprises: t.enterprises as number, keyUnits: t.key_units as number,
    outfalls: t.outfalls as number, remediating: t.remediating as number,
  }));
  const sum = (k: keyof (typeof byTown)[number]) => byTown.reduce((n, t) => n + (t[k] as number), 0);
  return { byTown, enterprises: sum('enterprises'), keyUnits: sum('keyUnits'), outfalls: sum('outfalls'), remediating: sum('remediating') };
}

/** Counts per kind of live record plus the change log size. */
export function countAll(db: Database) {
  const count = (table: string) => prepared(db, `SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;
  return {
    enterprises: count('enterprises'), outfalls: count('outfalls'), regions: count('regions'), people: count('people'),
    watersheds: count('watersheds'), waterBodies: count('water_bodies'),
    changes: prepared(db, 'SELECT count(*) FROM changes').pluck().get() as number,
    inspections: count('inspections'),
    finalizedInspections: prepared(db, "SELECT count(*) FROM inspections WHERE state = 'finalized' AND deleted_at IS NULL").pluck().get() as number,
    findings: count('findings'), checklistTemplates: count('checklist_templates'),
    blobs: prepared(db, 'SELECT count(*) FROM blobs WHERE size >= 0').pluck().get() as number,
    findingsByState: {
      ...Object.fromEntries(FINDING_STATES.map((s) => [s, 0])),
      ...Object.fromEntries((prepared(db, 'SELECT state, count(*) AS n FROM findings WHERE deleted_at IS NULL GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n])),
    },
    findingEvents: prepared(db, "SELECT count(*) FROM record_events WHERE stream = 'finding'").pluck().get() as number,
    complaints: count('complaints'), cases: count('cases'), plans: count('plans'),
  };
}
