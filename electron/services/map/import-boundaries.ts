import { readFileSync } from 'node:fs';
import { DomainError } from '../../../shared/api/result';
import { toStored, type CoordinateSystem } from '../../../shared/domain/coordinates';
import { GEOMETRY } from '../../store/entities';
import { listRegions, listWaterBodies, listWatersheds } from '../../store/places';
import type { Store } from '../../store/store';

/** Properties a GIS export names a division by: the 12-digit 统计用区划代码, or its name. */
const CODE_KEYS = ['code', 'CODE', 'adcode', 'XZQDM', 'xzqdm', '区划代码', 'QHDM'];
const NAME_KEYS = ['name', 'NAME', 'XZQMC', 'xzqmc', '名称', 'QHMC', 'MC'];

type Geometry = { type: string; coordinates: unknown };
export type BoundaryReport = { features: number; matched: { id: string; kind: string; name: string }[]; problems: string[]; committed: boolean };

function convert(coords: unknown, crs: CoordinateSystem): unknown {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const p = toStored({ lon: coords[0] as number, lat: coords[1] as number }, crs);
    return [Math.round(p.lon * 1e6) / 1e6, Math.round(p.lat * 1e6) / 1e6];
  }
  return Array.isArray(coords) ? coords.map((c) => convert(c, crs)) : coords;
}

/**
 * Imports boundaries from a GeoJSON FeatureCollection (the bureau's GIS export): each feature is
 * matched to a town or village by its region code (or its name), a watershed or a water body by name;
 * polygons for divisions and watersheds, lines or polygons for water. All features or none.
 */
export function importBoundaries(store: Store, path: string, crs: CoordinateSystem, dryRun: boolean, author: string, file = path): BoundaryReport {
  let doc: { type?: string; features?: { properties?: Record<string, unknown>; geometry?: Geometry }[] };
  try { doc = JSON.parse(readFileSync(path, 'utf8')) as typeof doc; } catch { throw new DomainError('invalid', `“${file}”不是 GeoJSON 文件（无法按 JSON 读取）`); }
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new DomainError('invalid', `“${file}”不是 GeoJSON 要素集合（FeatureCollection）`);
  const db = store.db;
  const regions = listRegions(db).filter((r): r is typeof r & { level: 'town' | 'village' } => r.level === 'town' || r.level === 'village');
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const byName = new Map<string, typeof regions>();
  for (const r of regions) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  const watersheds = new Map(listWatersheds(db).map((w) => [w.name, w.id]));
  const bodies = new Map(listWaterBodies(db).map((w) => [w.name, w]));
  const report: BoundaryReport = { features: doc.features.length, matched: [], problems: [], committed: false };
  const writes: { id: string; kind: string; name: string; geojson: Geometry }[] = [];
  doc.features.forEach((f, n) => {
    const where = `第 ${n + 1} 个要素`;
    const props = f.properties ?? {};
    const code = CODE_KEYS.map((k) => props[k]).find((v) => v !== undefined && v !== null && v !== '');
    const name = String(NAME_KEYS.map((k) => props[k]).find((v) => typeof v === 'string' && v) ?? '');
    const g = f.geometry;
    if (!g || !['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'].includes(g.type)) { report.problems.push(`${where}（${name || '无名称'}）没有面或线几何`); return; }
    const polygon = g.type.endsWith('Polygon');
    const codeText = code === undefined ? '' : String(code).padEnd(12, '0');
    const region = (codeText && byCode.get(codeText)) || (byName.get(name)?.length === 1 ? byName.get(name)![0] : undefined);
    const geojson = { type: g.type, coordinates: convert(g.coordinates, crs) };
    if (region) {
      if (!polygon) { report.problems.push(`${where}（${region.name}）是线，镇街、村居边界应为面`); return; }
      writes.push({ id: region.code, kind: region.level, name: region.name, geojson });
    } else if (watersheds.has(name)) {
      if (!polygon) { report.problems.push(`${where}（${name}）是线，流域应为面`); return; }
      writes.push({ id: watersheds.get(name)!, kind: 'watershed', name, geojson });
    } else if (bodies.has(name)) {
      writes.push({ id: bodies.get(name)!.id, kind: polygon ? 'lake' : 'river', name, geojson });
    } else if (byName.get(name)?.length) {
      report.problems.push(`${where}“${name}”在区划目录中有重名，请在属性中给出 12 位区划代码`);
    } else {
      report.problems.push(`${where}${codeText ? `（代码 ${codeText}）` : ''}“${name}”不是本县区划目录中的镇街或村居，也不是已登记的流域或水体`);
    }
  });
  report.matched = writes.map(({ id, kind, name }) => ({ id, kind, name }));
  if (report.problems.length || dryRun) return report;
  store.transaction(() => { for (const w of writes) store.write(GEOMETRY, w.id, { kind: w.kind, name: w.name, geojson: w.geojson }, author); });
  return { ...report, committed: true };
}
