import { townAtPoint } from '../store/town-at-point';
import { DomainError, invalidFields } from '../../shared/api/result';
import { checkRegionCode } from '../../shared/domain/region-code';
import { REGION, WATERSHED, WATER_BODY } from '../store/entities';
import { getRegion, getWaterBody, listRegions, listWaterBodies, listWatersheds, watershedExists } from '../store/places';
import { authorOf, newId } from './context';
import type { Handlers } from './handlers';
import { readSettings } from '../store/settings';

export const placeHandlers = {
  'places.regions': (ctx) => listRegions(ctx.store.db),
  'places.at': (ctx, { lon, lat }) => ({ townCode: townAtPoint(ctx.store.db, lon, lat), villageCode: townAtPoint(ctx.store.db, lon, lat, 'village') }),
  'places.water': (ctx) => ({ watersheds: listWatersheds(ctx.store.db), waterBodies: listWaterBodies(ctx.store.db) }),
  /** Adds a town or village of this county, or renames one; its level and parent follow from the code. */
  'places.saveRegion': (ctx, { code, name }) => {
    const author = authorOf(ctx);
    const { db } = ctx.store;
    const check = checkRegionCode(code);
    if (!check.ok) throw invalidFields({ code: check.message });
    const county = readSettings(db).countyCode;
    if (check.countyCode !== county) throw invalidFields({ code: `区划代码“${code}”不属于本县（${county}）` });
    if (check.level === 'county') throw invalidFields({ code: '县级区划在“单位设置”中维护，这里只添加镇街和村居' });
    const parentCode = check.level === 'town' ? `${county}000000` : `${code.slice(0, 9)}000`;
    if (!getRegion(db, parentCode)) {
      throw invalidFields({ code: check.level === 'town' ? `本县区划“${parentCode}”尚未建立` : `上级镇街“${parentCode}”尚未建立，请先添加镇街` });
    }
    ctx.store.write(REGION, code, { name, level: check.level, parentCode }, author);
    return getRegion(db, code)!;
  },
  'places.saveWatershed': (ctx, { id, name }) => {
    const author = authorOf(ctx);
    if (id && !watershedExists(ctx.store.db, id)) throw new DomainError('not_found', '未找到该流域');
    if (listWatersheds(ctx.store.db).some((w) => w.name === name && w.id !== id)) throw new DomainError('conflict', `流域“${name}”已存在`, { name: `流域“${name}”已存在` });
    const wid = id ?? newId();
    ctx.store.write(WATERSHED, wid, { name }, author);
    return { id: wid, name };
  },
  'places.saveWaterBody': (ctx, { id, name, kind, watershedId }) => {
    const author = authorOf(ctx);
    if (id && !getWaterBody(ctx.store.db, id)) throw new DomainError('not_found', '未找到该水体');
    if (watershedId && !watershedExists(ctx.store.db, watershedId)) throw invalidFields({ watershedId: '所选流域不存在' });
    const bid = id ?? newId();
    ctx.store.write(WATER_BODY, bid, { name, kind, watershedId }, author);
    return getWaterBody(ctx.store.db, bid)!;
  },
} satisfies Partial<Handlers>;
