import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportedFile, storedFileAnswer } from '../../electron/core/files';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import type { Session } from '../../electron/services/context';
import { PROCEDURE_ACTIONS } from '../../shared/api/actions';
import { HOST_ONLY_PROCEDURES } from '../../shared/api/index';
import { writeDemoAccounts, DEMO_PASSWORD } from '../../electron/services/demo/accounts';
import { generateDemoLoop } from '../../electron/services/demo/closed-loop';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { openExport } from '../../electron/store/sealed-exports';

/*
 * Issue 18: "a town officer — their towns only". On a laptop that holds the whole county (a bureau
 * laptop a 镇街工作人员 signs in on), what they read — lists, pages, searches, the map, dashboards,
 * history, ledgers, photos, exported files — is what the hub would send a device of their account.
 */

let shared: Promise<{ wb: Workbench; town: string }> | null = null;
afterAll(async () => { if (shared) { const { wb } = await shared; wb.close(); rmSync(wb.dataDir, { recursive: true, force: true }); } });

/**
 * The demo county with its closed loop (inspections, problems, complaints, cases) and accounts, made
 * once and kept open (the first sign-in encrypts it: a workbench opened again would need its key).
 */
function county(): Promise<{ wb: Workbench; town: string }> {
  shared ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qingshui-town-'));
    const b = createWorkbench({ dataDir: dir, actor: 'system' });
    generateDemo(b.store);
    await generateDemoPast(b.store);
    generateDemoLoop({ store: b.store, session: { personId: null }, actor: 'system' });
    await writeDemoAccounts(b.store);
    b.close();
    const wb = createWorkbench({ dataDir: dir, actor: 'user' });
    const town = JSON.parse(wb.store.db.prepare("SELECT towns FROM accounts WHERE name = 'zhenjie1'").pluck().get() as string)[0] as string;
    return { wb, town };
  })();
  return shared;
}

async function page(wb: Workbench, user: string) {
  const session: Session = { personId: null };
  const call = async <T = any>(name: string, input: unknown = {}): Promise<T> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const r = await wb.dispatch(name, input, session);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };
  await call('auth.signIn', { user, password: DEMO_PASSWORD });
  return { session, call, raw: (name: string, input: unknown = {}) => wb.dispatch(name, input, session) };
}

const count = (wb: Workbench, sql: string, ...args: unknown[]) => wb.store.db.prepare(sql).pluck().get(...args) as number;

describe('a town officer reads their towns only, on a laptop holding the whole county (issue 18)', () => {
  it('lists, searches and pages show their towns; another town\'s record is not found', async () => {
    const { wb, town } = await county();
    const me = await page(wb, 'zhenjie1');
    const all = count(wb, 'SELECT count(*) FROM enterprises WHERE deleted_at IS NULL');
    const mine = count(wb, 'SELECT count(*) FROM enterprises WHERE deleted_at IS NULL AND town_code = ?', town);
    expect(mine).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(mine);
    const list = await me.call<{ rows: { townCode: string }[]; total: number }>('enterprises.list', { limit: 200 });
    expect(list.total).toBe(mine);
    expect(new Set(list.rows.map((r) => r.townCode))).toEqual(new Set([town]));
    for (const [name, table] of [['outfalls.list', 'outfalls'], ['findings.list', 'findings'], ['inspections.list', 'inspections'], ['complaints.list', 'complaints'], ['cases.list', 'cases']] as const) {
      const r = await me.call<{ rows: { townCode: string | null }[]; total: number }>(name, { limit: 200 });
      expect(r.rows.every((row) => row.townCode === town || row.townCode === null), name).toBe(true);
      expect(r.total, name).toBeLessThan(count(wb, `SELECT count(*) FROM ${table}`));
    }
    // Another town's enterprise: not found by id, not found by its name, not on the map, no history.
    const other = wb.store.db.prepare('SELECT id, name FROM enterprises WHERE town_code <> ? LIMIT 1').get(town) as { id: string; name: string };
    expect(await me.raw('enterprises.get', { id: other.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await me.call<{ total: number }>('enterprises.list', { q: other.name })).total).toBe(0);
    const points = await me.call<{ enterprises: unknown[] }>('map.points');
    expect(JSON.stringify(points)).not.toContain(other.id);
    expect(await me.call<unknown[]>('workspace.history', { entity: 'enterprise', id: other.id })).toEqual([]);
    const dash = JSON.stringify(await me.call('dashboard.get'));
    const foreignFinding = wb.store.db.prepare('SELECT id, target_name FROM findings WHERE town_code <> ? LIMIT 1').get(town) as { id: string; target_name: string };
    expect(await me.raw('findings.get', { id: foreignFinding.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(dash).not.toContain(foreignFinding.id);
    // The county's other people see everything, as before.
    const boss = await page(wb, 'juzhang');
    expect((await boss.call<{ total: number }>('enterprises.list', {})).total).toBe(all);
    expect(await boss.raw('enterprises.get', { id: other.id })).toMatchObject({ ok: true });
  });

  it('a ledger they export holds their towns only, and they may take only the files they exported', async () => {
    const { wb, town } = await county();
    const me = await page(wb, 'zhenjie1');
    const townName = wb.store.db.prepare('SELECT name FROM regions WHERE code = ?').pluck().get(town) as string;
    const r = await me.call<{ file: { name: string }; rows: number }>('ledgers.export', { ledgerId: 'findings' });
    expect(r.rows).toBeGreaterThan(0);
    expect(r.rows).toBeLessThan(count(wb, 'SELECT count(*) FROM findings WHERE deleted_at IS NULL'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(openExport(join(wb.dataDir, 'exports', r.file.name))! as unknown as ArrayBuffer);
    const towns = new Set<string>();
    book.worksheets[0].eachRow((row) => row.eachCell((c) => { const t = String(c.value ?? ''); if (/(镇|街道|乡)$/.test(t)) towns.add(t); }));
    expect([...towns].every((t) => t === townName)).toBe(true);
    // A county-wide ledger the bureau exported is not listed for them, nor served.
    const boss = await page(wb, 'juzhang');
    const countyWide = await boss.call<{ file: { name: string } }>('ledgers.export', { ledgerId: 'enterprises' });
    const listed = (await me.call<{ name: string }[]>('ledgers.exports')).map((f) => f.name);
    expect(listed).toContain(r.file.name);
    expect(listed).not.toContain(countyWide.file.name);
    expect(exportedFile(wb, countyWide.file.name, me.session)).toBeNull();
    expect(exportedFile(wb, r.file.name, me.session)).not.toBeNull();
    expect(exportedFile(wb, countyWide.file.name, boss.session)).not.toBeNull();
  });

  it('a photo of another town\'s inspection is not served to them, even by its hash', async () => {
    const { wb, town } = await county();
    const me = await page(wb, 'zhenjie1');
    const photo = (inTown: boolean) => wb.store.db.prepare(`SELECT p.sha256 FROM inspection_photos p JOIN inspections i ON i.id = p.inspection_id
      WHERE ${inTown ? 'i.town_code = @t' : `i.town_code <> @t AND p.sha256 NOT IN (SELECT q.sha256 FROM inspection_photos q JOIN inspections j ON j.id = q.inspection_id
        WHERE j.town_code = @t OR j.town_code IS NULL)`} LIMIT 1`).pluck().get({ t: town }) as string | undefined;
    const foreign = photo(false);
    expect(foreign).toBeDefined();
    expect(storedFileAnswer(wb, foreign!, undefined, true, me.session)).toBeNull();
    const boss = await page(wb, 'juzhang');
    expect(storedFileAnswer(wb, foreign!, undefined, true, boss.session)).not.toBeNull();
    const own = photo(true);
    if (own) expect(storedFileAnswer(wb, own, undefined, true, me.session)).not.toBeNull();
  });

  it('their writes still work and show at once in what they read', async () => {
    const { wb, town } = await county();
    const me = await page(wb, 'zhenjie1');
    const [e] = (await me.call<{ rows: { id: string }[] }>('enterprises.list', { limit: 1 })).rows;
    await me.call('enterprises.update', { id: e.id, patch: { note: '镇街复核' } });
    expect(await me.call('enterprises.get', { id: e.id })).toMatchObject({ note: '镇街复核', townCode: town });
    const other = wb.store.db.prepare('SELECT id FROM enterprises WHERE town_code <> ? LIMIT 1').pluck().get(town) as string;
    expect(await me.raw('enterprises.update', { id: other, patch: { note: 'x' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('every procedure that reads answers a town officer without an internal error', async () => {
    const { wb } = await county();
    const me = await page(wb, 'zhenjie1');
    const someId = (table: string) => wb.store.db.prepare(`SELECT id FROM ${table} LIMIT 1`).pluck().get() as string;
    const inputs: Record<string, unknown> = {
      'enterprises.get': { id: someId('enterprises') }, 'outfalls.get': { id: someId('outfalls') }, 'inspections.get': { id: someId('inspections') },
      'findings.get': { id: someId('findings') }, 'complaints.get': { id: someId('complaints') }, 'cases.get': { id: someId('cases') },
      'plans.get': { id: someId('plans') }, 'plans.verify': { id: someId('plans') }, 'checklists.get': { id: someId('checklist_templates') },
      'workspace.history': { entity: 'enterprise', id: someId('enterprises') }, 'ledgers.preview': { ledgerId: 'complaints' },
    };
    const reads = Object.entries(PROCEDURE_ACTIONS).filter(([name, a]) => (a === 'read' || a === 'ledgers') && !HOST_ONLY_PROCEDURES.has(name) && name !== 'inspections.evidencePackage' && name !== 'ledgers.exportWithTemplate');
    for (const [name] of reads) {
      const r = await me.raw(name, inputs[name] ?? (name === 'ledgers.export' ? { ledgerId: 'cases' } : {}));
      if (!r.ok) expect(r.error.code, `${name}: ${r.error.message}`).not.toBe('internal');
    }
  });

  it('a call naming another town\'s record is answered as if there were none: nothing of it is said; bundles go out only sealed; integrity checks see the whole', async () => {
    const { wb, town } = await county();
    const me = await page(wb, 'zhenjie1');
    const finding = wb.store.db.prepare("SELECT id, description FROM findings WHERE town_code <> ? AND deleted_at IS NULL LIMIT 1").get(town) as { id: string; description: string };
    const enterprise = wb.store.db.prepare('SELECT id FROM enterprises WHERE town_code <> ? LIMIT 1').pluck().get(town) as string;
    for (const [name, input] of [
      ['findings.assign', { ids: [finding.id], responsibleUnit: '某单位', responsiblePerson: '某人' }],
      ['findings.act', { id: finding.id, kind: 'note', text: '' }],
      ['enterprises.remove', { id: enterprise }],
      ['inspections.start', { templateId: 'builtin:industrial@2', targetKind: 'enterprise', targetId: enterprise }],
    ] as const) {
      const r = await me.raw(name, input);
      expect(r, name).toMatchObject({ ok: false, error: { code: 'not_found', message: '未找到该记录（或不在您负责的镇街内）' } });
      expect(JSON.stringify(r)).not.toContain(finding.description.slice(0, 6));
    }
    expect(await me.raw('sync.exportBundle', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('不能导出未加密的同步包') } });
    expect(await me.call<{ problems: unknown[] }>('workspace.verify', {})).toMatchObject({ problems: [] });
  });
});
