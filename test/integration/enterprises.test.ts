import { describe, expect, it } from 'vitest';
import { wgs84ToGcj02 } from '../../shared/domain/coordinates';
import { demoWorkbench, enterpriseDraft, openWorkbench } from './helpers';

const changeCount = (wb: Awaited<ReturnType<typeof demoWorkbench>>) => wb.store.db.prepare('SELECT count(*) FROM changes').pluck().get() as number;

describe('enterprises through the dispatcher', () => {
  it('creates a valid enterprise, records its author, and lists it', async () => {
    const wb = await demoWorkbench();
    const { enterprise, warnings } = await wb.call('enterprises.create', await enterpriseDraft(wb));
    expect(warnings).toEqual([]);
    expect(enterprise).toMatchObject({ name: '清水县测试化工有限公司', industryName: '有机化学原料制造', usccCheckMatches: true, deleted: false });
    expect(enterprise.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const info = await wb.call('workspace.info', {});
    const [h] = await wb.call('workspace.history', { entity: 'enterprise', id: enterprise.id });
    expect(h.author).toBe(info.currentPerson!.id);
    expect(h.authorName).toBe(info.currentPerson!.name);
    const found = await wb.call('enterprises.list', { q: '测试化工' });
    expect(found.rows.map((r) => r.id)).toContain(enterprise.id);
  });

  it('saves a USCC whose check character is wrong, with a warning', async () => {
    const wb = await demoWorkbench();
    const r = await wb.call('enterprises.create', await enterpriseDraft(wb, { uscc: '91130200699229617Y' }));
    expect(r.warnings[0]).toMatchObject({ field: 'uscc' });
    expect(r.warnings[0].message).toContain('校验位不符');
    expect(r.enterprise.usccCheckMatches).toBe(false);
  });

  it.each([
    [{ uscc: '9113020069922961' }, 'uscc', '统一社会信用代码'],
    [{ name: '' }, 'name', '名称'],
    [{ townCode: '360799999000' }, 'townCode', '所属镇街'],
    [{ lon: 25.9, lat: 115.05 }, 'lon', '可能填反'],
    [{ lon: 2.35, lat: 48.85 }, 'lon', '不在中国境内'],
    [{ lon: 115.05, lat: null }, 'lat', '同时填写'],
    [{ contactPhone: '12345' }, 'contactPhone', '联系电话'],
    [{ industryCode: '2614' }, 'industryCode', '行业代码'],
    [{ pollutionSourceCode: '91130200699229617X01P' }, 'pollutionSourceCode', '污染源编码'],
  ])('refuses %j with a Chinese message naming the field, writing nothing', async (patch, field, text) => {
    const wb = await demoWorkbench();
    const before = changeCount(wb);
    const r = await wb.dispatch('enterprises.create', await enterpriseDraft(wb, patch));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid');
    expect(r.error.details?.fields?.[field]).toContain(text);
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(changeCount(wb)).toBe(before);
  });

  it('converts GCJ-02 input to the stored system', async () => {
    const wb = await demoWorkbench();
    const wgs = { lon: 115.054861, lat: 25.903415 };
    const gcj = wgs84ToGcj02(wgs);
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb, { ...gcj, coordSystem: 'GCJ02' }));
    expect(enterprise.lon).toBeCloseTo(wgs.lon, 5);
    expect(enterprise.lat).toBeCloseTo(wgs.lat, 5);
  });

  it('updates only what changed, and keeps the history of each change', async () => {
    const wb = await demoWorkbench();
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb));
    await wb.call('enterprises.update', { id: enterprise.id, patch: { ...enterprise, contactName: '李四' } });
    const history = await wb.call('workspace.history', { entity: 'enterprise', id: enterprise.id });
    expect(history).toHaveLength(2);
    expect(history[0].fields).toEqual({ contactName: '李四' });
  });

  it('refuses an invalid update and leaves the record as it was', async () => {
    const wb = await demoWorkbench();
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb));
    const r = await wb.dispatch('enterprises.update', { id: enterprise.id, patch: { name: '新名称', uscc: 'BAD' } });
    expect(r.ok).toBe(false);
    expect((await wb.call('enterprises.get', { id: enterprise.id })).name).toBe('清水县测试化工有限公司');
  });

  it('removes by tombstone: gone from lists and get, kept in history', async () => {
    const wb = await demoWorkbench();
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb));
    await wb.call('enterprises.remove', { id: enterprise.id });
    expect((await wb.dispatch('enterprises.get', { id: enterprise.id })).ok).toBe(false);
    expect((await wb.call('enterprises.list', { q: '测试化工' })).total).toBe(0);
    expect(wb.store.db.prepare('SELECT count(*) FROM enterprises WHERE id = ?').pluck().get(enterprise.id)).toBe(1);
  });

  it('refuses writes until someone has signed in', async () => {
    const wb = await demoWorkbench();
    wb.close();
    const fresh = openWorkbench(wb.dataDir);
    const r = await fresh.dispatch('enterprises.create', await enterpriseDraft(fresh));
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: '请先登录' } });
  });

  it('answers unknown procedures and malformed input with Chinese errors', async () => {
    const wb = await demoWorkbench();
    expect(await wb.dispatch('enterprises.frobnicate', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const r = await wb.dispatch('enterprises.list', { limit: 'lots' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid' } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('finding enterprises', () => {
  it('finds by any part of a Chinese name: FTS for 3+ characters, LIKE for 1–2', async () => {
    const wb = await demoWorkbench();
    const all = await wb.call('enterprises.list', { limit: 500 });
    const sample = all.rows[123];
    const three = [...sample.name].slice(3, 6).join('');
    const two = [...sample.name].slice(3, 5).join('');
    for (const q of [three, two, sample.uscc.slice(5, 14), sample.uscc.slice(-2)]) {
      const r = await wb.call('enterprises.list', { q, limit: 500 });
      expect(r.rows.map((x) => x.id), `search “${q}”`).toContain(sample.id);
      for (const row of r.rows) expect(`${row.name}${row.uscc}${row.address}`).toContain(q);
    }
  });

  it('takes FTS syntax as plain text and ignores punctuation-only short terms', async () => {
    const wb = await demoWorkbench();
    for (const q of ['"', '*', 'OR', 'NEAR(', '有限"公司', '(有限', 'a:b', '^']) {
      const r = await wb.dispatch('enterprises.list', { q });
      expect(r.ok, q).toBe(true);
    }
    expect((await wb.call('enterprises.list', { q: '有限 -' })).total).toBe((await wb.call('enterprises.list', { q: '有限' })).total);
  });

  it('keeps both search indexes in step with renames and deletions', async () => {
    const wb = await demoWorkbench();
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb, { name: '清水县鹭鸶湾砂石有限公司' }));
    for (const q of ['鹭鸶湾', '鹭鸶', '鹭']) expect((await wb.call('enterprises.list', { q })).rows.map((r) => r.id), q).toEqual([enterprise.id]);
    await wb.call('enterprises.update', { id: enterprise.id, patch: { name: '清水县鹳雀楼建材有限公司' } });
    for (const q of ['鹭鸶湾', '鹭鸶', '鹭']) expect((await wb.call('enterprises.list', { q })).total, q).toBe(0);
    for (const q of ['鹳雀楼', '鹳雀', '鹳']) expect((await wb.call('enterprises.list', { q })).total, q).toBe(1);
    await wb.call('enterprises.remove', { id: enterprise.id });
    expect((await wb.call('enterprises.list', { q: '鹳' })).total).toBe(0);
  });

  it('looks short terms up in the per-character index, never by scanning the table', async () => {
    const wb = await demoWorkbench();
    const plan = (wb.store.db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM enterprises e WHERE e.deleted_at IS NULL AND e.rowid IN (SELECT rowid FROM enterprises_chars WHERE enterprises_chars MATCH '\"丰 泽\"')").all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toContain('VIRTUAL TABLE INDEX');
    expect(plan).not.toMatch(/SCAN e\b(?! USING)/);
  });

  it('sorts names in pinyin order, as Excel and WPS do in Chinese', async () => {
    const wb = await demoWorkbench();
    const names = (await wb.call('enterprises.list', { sort: 'name', limit: 500 })).rows.map((r) => r.name);
    const collator = new Intl.Collator('zh-CN-u-co-pinyin');
    expect(names).toEqual([...names].sort(collator.compare));
    const desc = (await wb.call('enterprises.list', { sort: 'name', dir: 'desc', limit: 5 })).rows.map((r) => r.name);
    expect(desc).toEqual([...names].reverse().slice(0, 5));
  });

  it('filters by town, industry section, permit class and key unit, sorts, and pages', async () => {
    const wb = await demoWorkbench();
    const towns = (await wb.call('places.regions', {})).filter((r) => r.level === 'town');
    const byTown = await wb.call('enterprises.list', { townCode: towns[3].code, limit: 500 });
    expect(byTown.total).toBeGreaterThan(0);
    expect(byTown.rows.every((r) => r.townCode === towns[3].code)).toBe(true);
    const key = await wb.call('enterprises.list', { keyUnit: true, permitClass: '重点管理', industrySection: 'C', limit: 500 });
    expect(key.rows.every((r) => r.keyUnit && r.permitClass === '重点管理' && r.industryCode!.startsWith('C'))).toBe(true);
    const desc = await wb.call('enterprises.list', { sort: 'uscc', dir: 'desc', limit: 50 });
    expect(desc.rows.map((r) => r.uscc)).toEqual([...desc.rows.map((r) => r.uscc)].sort().reverse());
    const p1 = await wb.call('enterprises.list', { offset: 0, limit: 100 });
    const p2 = await wb.call('enterprises.list', { offset: 100, limit: 100 });
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(200);
    expect(p1.total).toBe(400);
  });
});

describe('partial updates', () => {
  it('change only the fields a patch names, leaving defaulted fields as they were', async () => {
    const wb = await demoWorkbench();
    const { enterprise } = await wb.call('enterprises.create', await enterpriseDraft(wb, { keyUnit: true, tags: ['涉VOCs'], state: '停产', pollutionSourceCode: '91130200699229617X001P' }));
    await wb.call('enterprises.update', { id: enterprise.id, patch: { contactName: '李四' } });
    const after = await wb.call('enterprises.get', { id: enterprise.id });
    expect(after).toMatchObject({ contactName: '李四', keyUnit: true, tags: ['涉VOCs'], state: '停产', pollutionSourceCode: '91130200699229617X001P', permitClass: '重点管理' });
    expect((await wb.call('workspace.history', { entity: 'enterprise', id: enterprise.id }))[0].fields).toEqual({ contactName: '李四' });
  });

  it('do the same for outfalls and people', async () => {
    const wb = await demoWorkbench();
    const row = (await wb.call('outfalls.list', { remediationCategory: '依法取缔', limit: 1 })).rows[0];
    const before = await wb.call('outfalls.get', { id: row.id });
    await wb.call('outfalls.update', { id: row.id, patch: { note: '已复核' } });
    const after = await wb.call('outfalls.get', { id: row.id });
    expect({ ...after, note: '', updatedAt: '' }).toEqual({ ...before, note: '', updatedAt: '' });
    const officer = (await wb.call('people.list', { role: '镇街工作人员' }))[0];
    await wb.call('people.update', { id: officer.id, patch: { phone: '13800000000' } });
    expect((await wb.call('people.list', { role: '镇街工作人员' })).find((p) => p.id === officer.id)).toMatchObject({ townCode: officer.townCode, phone: '13800000000', active: true });
  });
});
