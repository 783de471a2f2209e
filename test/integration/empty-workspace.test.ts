import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import { writeSettings } from '../../electron/store/settings';
import { REGION } from '../../electron/store/entities';
import { openWorkbench, tempDir } from './helpers';

/** A real county's own workspace: settings, then towns, villages, rivers and people entered by hand. */
async function emptyCounty() {
  const dir = tempDir();
  const init = createWorkbench({ dataDir: dir, actor: 'system' });
  writeSettings(init.store, { bureauName: '某县生态环境局', countyCode: '360701', countyName: '某县' }, 'system');
  init.store.write(REGION, '360701000000', { name: '某县', level: 'county', parentCode: null }, 'system');
  init.close();
  const wb = openWorkbench(dir, 'system');
  return wb;
}

describe('building up an empty workspace', () => {
  it('adds towns, villages, watersheds and water bodies, then an enterprise in them', async () => {
    const wb = await emptyCounty();
    expect(await wb.call('places.saveRegion', { code: '360701101000', name: '甲镇' })).toMatchObject({ level: 'town', parentCode: '360701000000' });
    expect(await wb.call('places.saveRegion', { code: '360701101201', name: '乙村委会' })).toMatchObject({ level: 'village', parentCode: '360701101000' });
    const ws = await wb.call('places.saveWatershed', { name: '某河流域' });
    const river = await wb.call('places.saveWaterBody', { name: '某河', kind: '河流', watershedId: ws.id });
    expect(river.watershedId).toBe(ws.id);
    const { enterprise } = await wb.call('enterprises.create', {
      name: '某县甲公司', uscc: '91130200699229617X', townCode: '360701101000', villageCode: '360701101201', watershedId: ws.id,
    });
    expect(enterprise).toMatchObject({ townName: '甲镇', villageName: '乙村委会', watershedName: '某河流域' });
    expect(await wb.call('places.saveRegion', { code: '360701101000', name: '甲镇（更名）' })).toMatchObject({ name: '甲镇（更名）' });
  });

  it.each([
    ['360799101000', '不属于本县'],
    ['360701102201', '请先添加镇街'],
    ['3607011010', '应为12位数字'],
    ['360701000000', '单位设置'],
  ])('refuses region %s with a message saying why', async (code, message) => {
    const wb = await emptyCounty();
    const r = await wb.dispatch('places.saveRegion', { code, name: '某地' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(message);
    expect(await wb.call('places.regions', {})).toHaveLength(1);
  });

  it('refuses a duplicate watershed name', async () => {
    const wb = await emptyCounty();
    await wb.call('places.saveWatershed', { name: '某河流域' });
    expect(await wb.dispatch('places.saveWatershed', { name: '某河流域' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
