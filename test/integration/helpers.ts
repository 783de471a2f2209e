import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import { generateDemoLoop } from '../../electron/services/demo/closed-loop';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';

const dirs: string[] = [];
const benches: Workbench[] = [];
afterEach(() => {
  for (const wb of benches.splice(0)) { try { wb.close(); } catch { /* already closed */ } }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'qingshui-test-'));
  dirs.push(d);
  return d;
}

/** A workbench on a fresh folder, closed after the test. */
export function openWorkbench(dataDir = tempDir(), actor: 'user' | 'system' = 'user'): Workbench {
  const wb = createWorkbench({ dataDir, actor });
  benches.push(wb);
  return wb;
}

/** A workbench holding the demo county, signed in as its first inspector. */
export async function demoWorkbench(): Promise<Workbench> {
  const dir = tempDir();
  const builder = createWorkbench({ dataDir: dir, actor: 'system' });
  generateDemo(builder.store);
  builder.close();
  const wb = openWorkbench(dir);
  const [inspector] = await wb.call('people.list', { role: '执法人员' });
  await wb.call('workspace.signIn', { personId: inspector.id });
  return wb;
}

/** A valid draft in the demo county; override what a test is about. */
export async function enterpriseDraft(wb: Workbench, patch: Record<string, unknown> = {}) {
  const towns = (await wb.call('places.regions', {})).filter((r) => r.level === 'town');
  return {
    name: '清水县测试化工有限公司', uscc: '91130200699229617X', townCode: towns[0].code, industryCode: 'C2614',
    permitClass: '重点管理' as const, lon: 115.05, lat: 25.9, contactPhone: '0797-6821369', ...patch,
  };
}

/** A valid new outfall in the demo county (with a national code); override what a test is about. */
export async function outfallDraft(wb: Workbench, patch: Record<string, unknown> = {}) {
  const towns = (await wb.call('places.regions', {})).filter((r) => r.level === 'town');
  const water = await wb.call('places.water', {});
  return { name: '清水河城关街道新发现排口', type: '其他排口' as const, subType: '城镇雨洪排口', townCode: towns[0].code,
    waterBodyId: water.waterBodies[0].id, lon: 115.0, lat: 25.9, code: 'QS-NEW-0001', codeState: '已掌握' as const, ...patch };
}

/** The demo county with a year of inspections and its closed loop (findings in every state, complaints, cases, a plan). */
export async function loopWorkbench(inspections = 120): Promise<Workbench> {
  const dir = tempDir();
  const builder = createWorkbench({ dataDir: dir, actor: 'system' });
  generateDemo(builder.store);
  await generateDemoPast(builder.store, { count: inspections });
  generateDemoLoop({ store: builder.store, session: { personId: null }, actor: 'system' });
  builder.close();
  const wb = openWorkbench(dir);
  const [bureau] = await wb.call('people.list', { role: '局机关人员' });
  await wb.call('workspace.signIn', { personId: bureau.id });
  return wb;
}
