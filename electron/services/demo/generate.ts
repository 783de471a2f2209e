import { completeUscc } from '../../../shared/domain/uscc';
import { COMMON_INDUSTRY_CLASSES } from '../../../shared/domain/industry';
import { OUTFALL_TYPES, type OutfallType, needsApproval, ENTRY_MODES, DISCHARGE_PATTERNS, SIGN_STATES, REMEDIATION_CATEGORIES, REMEDIATION_STATES } from '../../../shared/domain/outfall-types';
import { ENTERPRISE, OUTFALL, PERSON, REGION, WATERSHED, WATER_BODY } from '../../store/entities';
import type { Store } from '../../store/store';
import { writeSettings } from '../../store/settings';
import { COUNTY, GIVEN, NAME_STEMS, RIVERS, ROADS, SECTIONS, SURNAMES, TOWNS, townCells, VILLAGE_STEMS, WATERSHEDS } from './county';
import { writeDemoGeometry } from './geometry';
import { seededRandom, type Random } from './random';

const AUTHOR = 'system';
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const BASE_MS = Date.UTC(2026, 0, 1);

/** The word an enterprise name ends with, by industry class. */
const TRADE: Record<string, string> = {
  A0313: '生态养殖', A0412: '水产养殖', B1019: '石材', C1311: '米业', C1391: '淀粉', C1441: '乳业', C1512: '酒业',
  C1713: '印染', C1910: '皮革', C2110: '家具', C2211: '浆业', C2221: '纸业', C2614: '化工', C2625: '肥业', C2641: '涂料',
  C2710: '制药', C2921: '塑业', C3011: '水泥', C3021: '建材', C3031: '新型墙材', C3130: '钢业', C3360: '表面处理',
  C3841: '新能源', C3982: '电子', D4411: '发电', D4430: '热力', D4620: '水务', O8111: '汽车维修',
};

export type DemoSummary = { enterprises: number; outfalls: number; regions: number; people: number; seed: number; scale: number };
type Town = { code: string; name: string; centre: { lon: number; lat: number }; villages: string[] };


function near(rng: Random, c: { lon: number; lat: number }): { lon: number; lat: number } {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  return { lon: round(c.lon + (rng.next() - 0.5) * 0.11), lat: round(c.lat + (rng.next() - 0.5) * 0.11) };
}

const personName = (rng: Random) => rng.pick(SURNAMES) + rng.pick(GIVEN);
const mobile = (rng: Random) => `1${rng.pick(['35', '37', '39', '58', '87', '88'])}${String(rng.int(0, 99999999)).padStart(8, '0')}`;

function writeRegions(store: Store, rng: Random): Town[] {
  const countyCode = `${COUNTY.code}000000`;
  store.write(REGION, countyCode, { name: COUNTY.name, level: 'county', parentCode: null }, AUTHOR);
  const cells = townCells().filter((_, i) => i !== 3 && i !== 8);
  return TOWNS.map((t, i) => {
    const code = `${COUNTY.code}${t.code}000`;
    store.write(REGION, code, { name: t.name, level: 'town', parentCode: countyCode }, AUTHOR);
    const villages: string[] = [];
    const stems = [...VILLAGE_STEMS].sort(() => rng.next() - 0.5).slice(0, 10);
    stems.forEach((stem, j) => {
      const isStreetCommunity = t.code < '100' && j < 4;
      const vcode = `${COUNTY.code}${t.code}${String(isStreetCommunity ? j + 1 : 200 + j).padStart(3, '0')}`;
      store.write(REGION, vcode, { name: `${stem}${isStreetCommunity ? '社区居委会' : '村委会'}`, level: 'village', parentCode: code }, AUTHOR);
      villages.push(vcode);
    });
    return { code, name: t.name, centre: cells[i], villages };
  });
}

function writePeople(store: Store, rng: Random, towns: Town[]): void {
  for (let i = 0; i < 16; i++) {
    store.write(PERSON, rng.uuid(BASE_MS + 1000 + i), {
      name: personName(rng), role: '执法人员', certificateNo: `${COUNTY.code}26${String(i + 1).padStart(2, '0')}`,
      unit: '清水县生态环境综合行政执法大队', post: i < 2 ? '大队长' : '执法队员', townCode: null, phone: mobile(rng), active: true,
    }, AUTHOR);
  }
  towns.forEach((t, i) => store.write(PERSON, rng.uuid(BASE_MS + 2000 + i), {
    name: personName(rng), role: '镇街工作人员', certificateNo: null, unit: `${t.name}人民政府`, post: '环保专干',
    townCode: t.code, phone: mobile(rng), active: true,
  }, AUTHOR));
  ['局长', '副局长', '督察办主任', '水生态环境股股长'].forEach((post, i) => store.write(PERSON, rng.uuid(BASE_MS + 3000 + i), {
    name: personName(rng), role: '局机关人员', certificateNo: null, unit: COUNTY.bureau, post, townCode: null, phone: mobile(rng), active: true,
  }, AUTHOR));
}

function writeWater(store: Store, rng: Random): { watersheds: string[]; rivers: { id: string; watershedId: string; name: string }[] } {
  const watersheds = WATERSHEDS.map((name, i) => {
    const id = rng.uuid(BASE_MS + 4000 + i);
    store.write(WATERSHED, id, { name }, AUTHOR);
    return id;
  });
  const rivers = RIVERS.map((r, i) => {
    const id = rng.uuid(BASE_MS + 5000 + i);
    store.write(WATER_BODY, id, { name: r.name, kind: r.kind, watershedId: watersheds[r.watershed] }, AUTHOR);
    return { id, watershedId: watersheds[r.watershed], name: r.name };
  });
  return { watersheds, rivers };
}

/**
 * A demo unit's 排污许可 as issued (deterministic from its place in the list: the county's other values stay
 * as they were): five-year permits issued over 2021–2023 by the city's bureau, so some are due for renewal
 * or expired today; 登记管理 units hold a registration receipt; a 重点单位 has its 环境监管重点单位 categories.
 */
function demoPermit(i: number, uscc: string, permitClass: string | null, industry: string, keyUnit: boolean): Record<string, unknown> {
  if (permitClass === '登记管理') return { registrationNumber: `${uscc}001W` };
  if (permitClass !== '重点管理' && permitClass !== '简化管理') return {};
  const year = 2021 + (i % 3), month = String(1 + (i % 12)).padStart(2, '0'), day = String(1 + (i % 28)).padStart(2, '0');
  const from = `${year}-${month}-${day}`;
  const to = new Date(Date.UTC(year + 5, Number(month) - 1, Number(day) - 1)).toISOString().slice(0, 10);
  const air = /^(C25|C26|C30|C31|C32|D44)/.test(industry);
  return {
    permitNumber: `${uscc}001P`, permitIssuer: '赣州市生态环境局', permitValidFrom: from, permitValidTo: to,
    keyUnitCategories: keyUnit ? ['水环境重点排污单位', ...(air ? ['大气环境重点排污单位'] : [])] : [],
  };
}

/**
 * Builds the fictional 清水县 deterministically from `seed` through the write path: 10 towns,
 * 100 villages, 5 rivers in 2 watersheds, 400×scale enterprises and 200×scale outfalls, people.
 */
export function generateDemo(store: Store, { seed = 20261129, scale = 1, onProgress }: { seed?: number; scale?: number; onProgress?: (done: number, total: number) => void } = {}): DemoSummary {
  const rng = seededRandom(seed);
  const classes = Object.keys(COMMON_INDUSTRY_CLASSES);
  const nEnterprises = 400 * scale;
  const nOutfalls = 200 * scale;
  const total = nEnterprises + nOutfalls;
  return store.transaction(() => {
    writeSettings(store, { bureauName: COUNTY.bureau, countyCode: COUNTY.code, countyName: COUNTY.name, defaultCoordSystem: 'CGCS2000', contactPhone: COUNTY.phone }, AUTHOR);
    const towns = writeRegions(store, rng);
    writePeople(store, rng, towns);
    const { rivers } = writeWater(store, rng);
    const riverOf = (town: Town) => rivers[(towns.indexOf(town) + (rng.chance(0.3) ? 1 : 0)) % rivers.length];
    const usedNames = new Set<string>();
    const enterprisesByTown = new Map<string, { id: string; name: string }[]>();
    for (let i = 0; i < nEnterprises; i++) {
      const town = rng.pick(towns);
      const industry = rng.pick(classes);
      const org = Array.from({ length: 9 }, () => ORG_ALPHABET[rng.int(0, 30)]).join('');
      const uscc = completeUscc(`91${COUNTY.code}${org}`);
      const permit = rng.next();
      const permitClass = permit < 0.15 ? '重点管理' : permit < 0.5 ? '简化管理' : rng.chance(0.9) ? '登记管理' : null;
      const stem = rng.pick(NAME_STEMS);
      const name = [`清水县${stem}${TRADE[industry]}有限公司`, `清水县${town.name.slice(0, 2)}${stem}${TRADE[industry]}有限公司`]
        .find((n) => !usedNames.has(n)) ?? `清水县${stem}${TRADE[industry]}有限公司第${i + 1}分公司`;
      usedNames.add(name);
      const id = rng.uuid(BASE_MS + 10_000 + i);
      const p = near(rng, town.centre);
      const keyUnit = permitClass === '重点管理' && rng.chance(0.7); // the first draw of the record, as before
      store.write(ENTERPRISE, id, {
        name, uscc, pollutionSourceCode: permitClass === '重点管理' || permitClass === '简化管理' ? `${uscc}001P` : null,
        industryCode: industry, permitClass, keyUnit,
        state: rng.chance(0.88) ? '在产' : rng.pick(['停产', '关闭', '在建']),
        address: `${COUNTY.name}${town.name}${rng.pick(ROADS)}${rng.int(1, 388)}号`, townCode: town.code,
        villageCode: rng.chance(0.8) ? rng.pick(town.villages) : null, watershedId: riverOf(town).watershedId,
        lon: p.lon, lat: p.lat, legalRepresentative: personName(rng), contactName: personName(rng), contactPhone: mobile(rng),
        tags: rng.chance(0.2) ? [rng.pick(['涉VOCs', '涉重金属', '园区企业', '危废产生单位'])] : [], note: '',
        // 执行标准 follows what the unit is (no random draw: the county's other values stay as they were).
        dischargeStandard: industry.startsWith('D462') ? 'GB18918-2002/1A' : permitClass === '重点管理' ? 'GB8978-1996/1' : permitClass === '简化管理' ? 'GB8978-1996/2' : null,
        ...demoPermit(i, uscc, permitClass, industry, keyUnit),
      }, AUTHOR);
      const list = enterprisesByTown.get(town.code) ?? [];
      list.push({ id, name });
      enterprisesByTown.set(town.code, list);
      if (onProgress && i % 1000 === 0) onProgress(i, total);
    }
    const subTypes = (Object.entries(OUTFALL_TYPES) as [OutfallType, readonly string[]][]).flatMap(([type, subs]) => subs.map((sub) => ({ type, sub })));
    for (let i = 0; i < nOutfalls; i++) {
      const { type, sub } = i < subTypes.length ? subTypes[i] : rng.pick(subTypes);
      const town = rng.pick(towns);
      const river = riverOf(town);
      const responsible = type === '工业排污口' ? (enterprisesByTown.get(town.code)?.length ? rng.pick(enterprisesByTown.get(town.code)!) : null) : null;
      const known = rng.chance(0.7);
      const p = near(rng, town.centre);
      const category = rng.chance(0.6) ? rng.pick(REMEDIATION_CATEGORIES) : null;
      const village = rng.pick(town.villages);
      store.write(OUTFALL, rng.uuid(BASE_MS + 2_000_000 + i), {
        name: `${river.name}${town.name}${i + 1}号${sub.replace(/排污口|排口/, '')}排口`,
        code: known ? `${COUNTY.code}${type[0] === '工' ? 'G' : type[0] === '城' ? 'W' : type[0] === '农' ? 'N' : 'Q'}${String(i + 1).padStart(6, '0')}` : null,
        localCode: `QS-PK-${String(i + 1).padStart(6, '0')}`, codeState: known ? rng.pick(['已掌握', '现场标识牌显示']) : '暂不掌握',
        type, subType: sub, waterBodyId: river.id, watershedId: river.watershedId, townCode: town.code, villageCode: village,
        lon: p.lon, lat: p.lat, entryMode: rng.pick(ENTRY_MODES), dischargePattern: rng.pick(DISCHARGE_PATTERNS),
        enterpriseId: responsible?.id ?? null,
        approvalState: needsApproval(sub) ? rng.pick(['已审批', '未审批']) : rng.pick(['已登记', '未登记', '无需审批登记']),
        signState: rng.pick(SIGN_STATES), remediationCategory: category,
        remediationState: category ? rng.pick(REMEDIATION_STATES) : null,
        nearestSection: rng.pick(SECTIONS), sectionDistanceKm: Math.round(rng.next() * 250) / 10, note: '',
        // A treatment plant's outfall: GB 18918-2002 一级A; an industrial one follows its responsible enterprise's.
        dischargeStandard: /污水处理厂排污口$/.test(sub) ? 'GB18918-2002/1A' : null,
      }, AUTHOR);
      if (onProgress && i % 1000 === 0) onProgress(nEnterprises + i, total);
    }
    onProgress?.(total, total);
    // Boundaries, rivers and watersheds for the map, from their own seed (the records above stay as they were).
    writeDemoGeometry(store, seededRandom(seed + 29), AUTHOR);
    return { enterprises: nEnterprises, outfalls: nOutfalls, regions: 1 + towns.length * 11, people: 30, seed, scale };
  });
}
