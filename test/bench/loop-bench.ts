// Bench of the closed loop (issue 5): 200,000 inspections, 50,000 findings carrying 500,000 events.
import type { Workbench } from '../../electron/core/workbench';
import { refoldAllFindings } from '../../electron/services/findings/refold';
import { dashboardFigures } from '../../electron/store/dashboard';
import { listFindings } from '../../electron/store/findings';
import { formatHlc } from '../../shared/sync/hlc';
import type { FindingFilter } from '../../shared/api/findings';
import { addDays } from '../../shared/domain/calendar';
import { p95, report, timeRuns } from './measure';

const TODAY = '2026-11-28';
const STORY = ['created', 'assigned', 'progress', 'progress', 'submitted', 'rechecked', 'accepted', 'notice_started', 'notice_ended', 'closed'];

/** Fills the workspace up to 200,000 inspections (copies of the generated ones) and 50,000 findings with 10 events each. */
function fill(wb: Workbench): void {
  const db = wb.store.db;
  const have = db.prepare('SELECT count(*) FROM inspections').pluck().get() as number;
  const cols = (db.prepare('PRAGMA table_info(inspections)').all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id' && c !== 'supersedes');
  const copies = Math.ceil((200_000 - have) / have);
  db.transaction(() => {
    for (let k = 0; k < copies; k++) {
      db.prepare(`INSERT INTO inspections (id, ${cols.join(', ')}) SELECT id || '~c${k}', ${cols.join(', ')} FROM inspections WHERE id NOT LIKE '%~c%' LIMIT ?`).run(Math.min(have, 200_000 - have - k * have));
    }
  })();
  const towns = db.prepare("SELECT code FROM regions WHERE level = 'town'").pluck().all() as string[];
  const enterprises = db.prepare('SELECT id, town_code, watershed_id, substr(industry_code, 1, 1) AS ind FROM enterprises LIMIT 50000').all() as { id: string; town_code: string; watershed_id: string | null; ind: string | null }[];
  const insertFinding = db.prepare(`INSERT INTO findings (id, source_kind, target_kind, target_id, target_name, town_code, description, legal_basis, deadline_band,
    responsible_unit, responsible_person, deadline, measures, found_at, state, watershed_id, industry_section, created_at, updated_at)
    VALUES (?, ?, 'enterprise', ?, ?, ?, ?, '', 'short', ?, ?, ?, '', ?, 'open', ?, ?, ?, ?)`);
  const insertChange = db.prepare("INSERT INTO changes (node, entity, entity_id, hlc, author, fields) VALUES ('bench', 'finding', ?, ?, 'system', ?)");
  const insertEvent = db.prepare("INSERT INTO record_events (id, stream, stream_id, kind, hlc, author, at, text, data, blobs, created_at, updated_at) VALUES (?, 'finding', ?, ?, ?, 'system', ?, '', ?, '[]', ?, ?)");
  const sources = ['inspection', 'inspection', 'inspection', 'complaint', 'monitoring', 'provincial', 'central'];
  let clock = Date.parse('2025-01-01');
  db.transaction(() => {
    for (let i = 0; i < 50_000; i++) {
      const e = enterprises[i % enterprises.length];
      const id = `bench-f-${i}`;
      const foundAt = addDays('2025-01-01', i % 690);
      const deadline = addDays(foundAt, 15 + (i % 200));
      const unit = `${towns[i % towns.length]}人民政府`;
      const person = `责任人${i % 300}`;
      const now = new Date().toISOString();
      insertFinding.run(id, sources[i % sources.length], e.id, `企业${i}`, e.town_code ?? towns[0], `问题描述 ${i}`, unit, person, deadline, foundAt, e.watershed_id, e.ind, now, now);
      insertChange.run(id, formatHlc({ ms: clock++, counter: 0, node: 'bench' }), JSON.stringify({ deadline, responsibleUnit: unit, responsiblePerson: person }));
      // Ten events; the story stops early for most, so every state is present (and a failed re-check now and then).
      const stop = 1 + (i % 10);
      for (let k = 0; k < 10; k++) {
        const kind = k < stop ? STORY[k] : 'comment';
        const data = kind === 'assigned' ? { responsibleUnit: unit, responsiblePerson: person } : kind === 'rechecked' ? { passed: i % 13 !== 0 } : kind === 'notice_started' ? { days: 14 } : kind === 'closed' ? { recheckAfterDays: 90 } : {};
        // Notice runs 14 days: it ends (and the finding closes) after that.
        const at = addDays(foundAt, k < 8 ? k * 3 : k === 8 ? 21 + 14 : 36);
        insertEvent.run(`${id}-e${k}`, id, kind, formatHlc({ ms: clock++, counter: 0, node: 'bench' }), at, JSON.stringify(data), now, now);
      }
    }
  })();
}

export function benchLoop(wb: Workbench, results: boolean[]): void {
  const db = wb.store.db;
  let t = performance.now();
  fill(wb);
  const counts = db.prepare("SELECT (SELECT count(*) FROM inspections) AS i, (SELECT count(*) FROM findings) AS f, (SELECT count(*) FROM record_events WHERE stream = 'finding') AS e").get() as { i: number; f: number; e: number };
  console.log(`# closed loop: ${counts.i} inspections, ${counts.f} findings, ${counts.e} finding events, filled in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // 1. folding every finding's events (the state every replica derives), then writing the caches
  t = performance.now();
  const refold = refoldAllFindings(wb.store);
  const refoldMs = performance.now() - t;
  const all = db.prepare("SELECT stream_id, kind, hlc FROM record_events WHERE stream = 'finding'").all() as { stream_id: string; kind: string; hlc: string }[];
  t = performance.now();
  const tally = new Map<string, number>();
  for (const e of [...all].sort((a, b) => (a.hlc < b.hlc ? -1 : 1))) tally.set(e.kind, (tally.get(e.kind) ?? 0) + 1);
  const sortMs = performance.now() - t;
  console.log(`# refold of ${refold.findings} findings (${refold.events} events, ${refold.flagged} flagged): read + fold + write ${(refoldMs / 1000).toFixed(2)} s`);
  results.push(report(`fold_${refold.events}_finding_events`, refold.foldMs, 'ms', { name: 'sorting the same events by HLC and counting kinds', value: sortMs }, { max: 1000 }));

  // 2. the dashboard's queries, all of them, on `today`
  const person = db.prepare('SELECT id FROM people LIMIT 1').pluck().get() as string;
  const dash = timeRuns(10, () => dashboardFigures(db, TODAY, person));
  const countAll = db.prepare('SELECT count(*) FROM findings');
  const byTown = db.prepare('SELECT town_code, count(*) FROM findings GROUP BY town_code');
  const rawDash = timeRuns(10, () => { countAll.get(); byTown.all(); });
  results.push(report('dashboard_queries_total_p95', p95(dash), 'ms', { name: 'count(*) + one GROUP BY town over findings', value: p95(rawDash) }, { max: 200 }));

  // 3. a findings list page (100 rows with its total) under the list's filters
  const towns = db.prepare("SELECT code FROM regions WHERE level = 'town'").pluck().all() as string[];
  const filters: FindingFilter[] = [
    {}, { state: 'rectifying' }, { overdue: true }, { townCode: towns[1] }, { responsiblePerson: '责任人7' }, { responsibleUnit: `${towns[2]}人民政府` },
    { sourceKind: 'central' }, { deadlineBand: 'short', townCode: towns[3] }, { reopened: true }, { q: '问题描述 12' }, { unfinished: true, townCode: towns[4] },
  ];
  const pages = timeRuns(220, (i) => listFindings(db, filters[i % filters.length], TODAY, (i * 7) % 500, 100));
  const rawPage = db.prepare('SELECT * FROM findings WHERE rowid > ? LIMIT 100');
  const raw = timeRuns(220, (i) => rawPage.all((i * 211) % 40000));
  results.push(report('findings_list_page_p95', p95(pages), 'ms', { name: 'raw rowid page of 100', value: p95(raw) }, { max: 30 }));
}
