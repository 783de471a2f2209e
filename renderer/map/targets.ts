import Supercluster, { type PointFeature } from 'supercluster';
import type { Points } from '../../shared/api/map';

export type TargetKind = 'enterprise' | 'outfall';
export type Target = { kind: TargetKind; i: number };
export type MapFilters = { kinds: TargetKind[]; town: string; watershed: string; detail: string; status: string };
/** A point's properties in the index: which target, and its status index (0 = worst) for cluster colours. */
export type PointProps = { kind: TargetKind; i: number; worst: number };
export type ClusterProps = { worst: number };

/** Whether target i of a kind passes the map's filters (the same vocabulary as the lists'). */
export function passes(p: Points, i: number, f: MapFilters): boolean {
  return (!f.town || p.town[i] === f.town) && (!f.watershed || p.watershed[i] === f.watershed)
    && (!f.detail || p.detail[i] === f.detail) && (f.status === '' || p.status[i] === Number(f.status));
}

/** One supercluster index over the filtered targets; a cluster keeps the worst status of what it holds. */
export function buildIndex(data: Record<TargetKind, Points>, f: MapFilters): Supercluster<PointProps, ClusterProps> {
  const features: PointFeature<PointProps>[] = [];
  for (const kind of f.kinds) {
    const p = data[kind];
    for (let i = 0; i < p.ids.length; i++) {
      if (passes(p, i, f)) features.push({ type: 'Feature', properties: { kind, i, worst: p.status[i] }, geometry: { type: 'Point', coordinates: [p.lon[i], p.lat[i]] } });
    }
  }
  const index = new Supercluster<PointProps, ClusterProps>({ radius: 56, maxZoom: 15, map: (props) => ({ worst: props.worst }), reduce: (acc, props) => { acc.worst = Math.min(acc.worst, props.worst); } });
  index.load(features);
  return index;
}

/** Metres between two positions (haversine), for 附近 sorting. */
export function distanceM(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
