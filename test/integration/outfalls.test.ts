import { describe, expect, it } from 'vitest';
import { OUTFALL_SUBTYPE_NAMES } from '../../shared/domain/outfall-types';
import { demoWorkbench, outfallDraft } from './helpers';

describe('outfalls through the dispatcher', () => {
  it('creates an outfall and takes its watershed from the receiving water body', async () => {
    const wb = await demoWorkbench();
    const draft = await outfallDraft(wb);
    const { outfall } = await wb.call('outfalls.create', draft);
    const water = await wb.call('places.water', {});
    expect(outfall.watershedId).toBe(water.waterBodies[0].watershedId);
    expect(outfall.waterBodyName).toBe(water.waterBodies[0].name);
  });

  it('refuses a national code another outfall already holds, as a conflict naming the code', async () => {
    const wb = await demoWorkbench();
    const existing = (await wb.call('outfalls.list', { limit: 500 })).rows.find((r) => r.code)!;
    const before = wb.store.db.prepare('SELECT count(*) FROM changes').pluck().get();
    const r = await wb.dispatch('outfalls.create', await outfallDraft(wb, { code: existing.code }));
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!r.ok) expect(r.error.details?.fields?.code).toContain(existing.code!);
    expect(wb.store.db.prepare('SELECT count(*) FROM changes').pluck().get()).toBe(before);
  });

  it('refuses a sub-type of another type, and a code state of 已掌握 without a code', async () => {
    const wb = await demoWorkbench();
    const a = await wb.dispatch('outfalls.create', await outfallDraft(wb, { type: '农业排口', subType: '城镇雨洪排口' }));
    expect(a.ok || a.error.details?.fields?.subType).toContain('不属于');
    const b = await wb.dispatch('outfalls.create', await outfallDraft(wb, { code: null }));
    expect(b.ok || b.error.details?.fields?.code).toContain('已掌握');
  });

  it('refuses a remediation state without a remediation category', async () => {
    const wb = await demoWorkbench();
    const r = await wb.dispatch('outfalls.create', await outfallDraft(wb, { remediationState: '整治中' }));
    expect(r.ok || r.error.details?.fields?.remediationCategory).toContain('请先选择整治类型');
  });

  it('warns when an outfall that needs approval is only registered', async () => {
    const wb = await demoWorkbench();
    const r = await wb.call('outfalls.create', await outfallDraft(wb, { type: '工业排污口', subType: '工业企业排污口', approvalState: '已登记' }));
    expect(r.warnings[0].message).toContain('应办理审批');
  });

  it('links the responsible enterprise (溯) and lists outfalls by it', async () => {
    const wb = await demoWorkbench();
    const enterprise = (await wb.call('enterprises.list', { limit: 1 })).rows[0];
    const { outfall } = await wb.call('outfalls.create', await outfallDraft(wb, { enterpriseId: enterprise.id }));
    expect(outfall.enterpriseName).toBe(enterprise.name);
    const [created] = await wb.call('workspace.history', { entity: 'outfall', id: outfall.id });
    expect(created.names).toMatchObject({ enterpriseId: enterprise.name, townCode: outfall.townName, waterBodyId: outfall.waterBodyName });
    const linked = await wb.call('outfalls.list', { enterpriseId: enterprise.id });
    expect(linked.rows.map((r) => r.id)).toContain(outfall.id);
  });

  it('filters by type, water body and remediation, and searches codes', async () => {
    const wb = await demoWorkbench();
    const farm = await wb.call('outfalls.list', { type: '农业排口', limit: 500 });
    expect(farm.total).toBeGreaterThan(0);
    expect(farm.rows.every((r) => r.type === '农业排口')).toBe(true);
    const rem = await wb.call('outfalls.list', { remediationCategory: '依法取缔', limit: 500 });
    expect(rem.rows.every((r) => r.remediationCategory === '依法取缔')).toBe(true);
    const code = farm.rows.find((r) => r.code)!.code!;
    expect((await wb.call('outfalls.list', { q: code.slice(-7) })).rows.map((r) => r.code)).toContain(code);
  });

  it('the demo county holds every outfall sub-type', async () => {
    const wb = await demoWorkbench();
    const subTypes = new Set(wb.store.db.prepare('SELECT DISTINCT sub_type FROM outfalls').pluck().all() as string[]);
    for (const s of OUTFALL_SUBTYPE_NAMES) expect(subTypes.has(s), s).toBe(true);
  });
});

describe('people and settings', () => {
  it('requires a certificate number for inspectors and refuses a duplicate one', async () => {
    const wb = await demoWorkbench();
    const r = await wb.dispatch('people.create', { name: '新人', role: '执法人员' });
    expect(r.ok || r.error.details?.fields?.certificateNo).toContain('执法证号');
    const [someone] = await wb.call('people.list', { role: '执法人员' });
    const dup = await wb.dispatch('people.create', { name: '新人', role: '执法人员', certificateNo: someone.certificateNo });
    expect(dup.ok || dup.error.details?.fields?.certificateNo).toContain('另一名人员');
    const tooLong = await wb.dispatch('people.create', { name: '新人', role: '执法人员', certificateNo: '1234567890123' });
    expect(tooLong.ok || tooLong.error.details?.fields?.certificateNo).toContain('1–12');
  });

  it('deactivates a person, who then leaves the chooser, but never the person signed in', async () => {
    const wb = await demoWorkbench();
    const me = (await wb.call('workspace.info', {})).currentPerson!;
    const r = await wb.dispatch('people.update', { id: me.id, patch: { active: false } });
    expect(r.ok || r.error.message).toContain('不能停用当前工作人员本人');
    const other = (await wb.call('people.list', { role: '镇街工作人员' }))[0];
    await wb.call('people.update', { id: other.id, patch: { active: false } });
    expect((await wb.call('people.list', {})).map((p) => p.id)).not.toContain(other.id);
    expect((await wb.call('people.list', { includeInactive: true })).map((p) => p.id)).toContain(other.id);
    expect((await wb.dispatch('workspace.signIn', { personId: other.id })).ok).toBe(false);
  });

  it('saves settings through the write path and refuses a bad county code', async () => {
    const wb = await demoWorkbench();
    const s = await wb.call('workspace.updateSettings', { bureauName: '清水县生态环境局（测试）' });
    expect(s.bureauName).toBe('清水县生态环境局（测试）');
    expect((await wb.call('workspace.history', { entity: 'settings', id: 'bureauName' }))[0].fields).toEqual({ value: '清水县生态环境局（测试）' });
    const bad = await wb.dispatch('workspace.updateSettings', { countyCode: '12AB' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('saving the whole settings form writes only the fields that changed (defaults stay defaults)', async () => {
    const wb = await demoWorkbench();
    const form = (await wb.call('workspace.info', {})).settings;
    const count = () => wb.store.db.prepare("SELECT count(*) FROM changes WHERE entity = 'settings'").pluck().get() as number;
    const before = count();
    await wb.call('workspace.updateSettings', { ...form, contactPhone: '0797-5559999' });
    expect(count()).toBe(before + 1);
    await wb.call('workspace.updateSettings', { ...form, contactPhone: '0797-5559999' });
    expect(count()).toBe(before + 1);
  });
});

describe('the overview by town', () => {
  it('adds up to the lists’ totals', async () => {
    const wb = await demoWorkbench();
    const o = await wb.call('workspace.overview', {});
    expect(o.byTown).toHaveLength(10);
    expect(o.enterprises).toBe(400);
    expect(o.outfalls).toBe(200);
    expect(o.keyUnits).toBe((await wb.call('enterprises.list', { keyUnit: true })).total);
    expect(o.remediating).toBe((await wb.call('outfalls.list', { remediationState: '整治中' })).total);
    const town = o.byTown[4];
    expect(town.enterprises).toBe((await wb.call('enterprises.list', { townCode: town.townCode })).total);
  });
});

describe('keeping references whole', () => {
  it('refuses to delete an enterprise that is still the responsible party of an outfall', async () => {
    const wb = await demoWorkbench();
    const linked = (await wb.call('outfalls.list', { type: '工业排污口', limit: 500 })).rows[0];
    const outfall = await wb.call('outfalls.get', { id: linked.id });
    const r = await wb.dispatch('enterprises.remove', { id: outfall.enterpriseId! });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!r.ok) expect(r.error.message).toContain('责任主体');
    expect((await wb.call('enterprises.get', { id: outfall.enterpriseId! })).deleted).toBe(false);
  });

  it('refuses a county code that the region directory does not belong to', async () => {
    const wb = await demoWorkbench();
    const r = await wb.dispatch('workspace.updateSettings', { countyCode: '360701' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!r.ok) expect(r.error.details?.fields?.countyCode).toContain('其他县');
    expect((await wb.call('workspace.info', {})).settings.countyCode).toBe('360799');
  });
});
