import type { Photo } from '../api/inspections';

/**
 * A photo whose EXIF time or position is far from the inspection's may not show what the record says
 * it shows (issue 20): said on the photo and in the 笔录, never refused (a phone's clock or GPS may be
 * wrong). How far is a setting (设置 → 现场照片核对), national default 1 km and 1 day.
 */
export type PhotoCheck = { maxDistanceKm: number; maxDaysApart: number };
export const DEFAULT_PHOTO_CHECK: PhotoCheck = { maxDistanceKm: 1, maxDaysApart: 1 };

const DAY_MS = 86_400_000;

/** Great-circle distance in km (haversine, WGS 84 mean radius). */
export function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** What is off about a photo against its inspection: its time outside the inspection ± the days allowed, its place beyond the distance. */
export function photoWarnings(
  ph: Pick<Photo, 'takenAt' | 'lon' | 'lat'>,
  insp: { startedAt: string | null; endedAt: string | null; lon: number | null; lat: number | null },
  check: PhotoCheck = DEFAULT_PHOTO_CHECK,
): string[] {
  const out: string[] = [];
  if (ph.takenAt && insp.startedAt) {
    const t = Date.parse(ph.takenAt);
    const from = Date.parse(insp.startedAt);
    const to = Date.parse(insp.endedAt ?? insp.startedAt);
    const apart = t < from ? from - t : t > to ? t - to : 0;
    if (apart > check.maxDaysApart * DAY_MS) {
      const days = apart / DAY_MS;
      out.push(`拍摄时间（${ph.takenAt.replace('T', ' ')}）与检查时间相差 ${days >= 1 ? `${Math.round(days)} 天` : `${Math.round(days * 24)} 小时`}`);
    }
  }
  if (ph.lon !== null && ph.lat !== null && insp.lon !== null && insp.lat !== null) {
    const km = distanceKm({ lon: ph.lon, lat: ph.lat }, { lon: insp.lon, lat: insp.lat });
    if (km > check.maxDistanceKm) out.push(`拍摄位置距检查地点 ${km >= 10 ? Math.round(km) : km.toFixed(1)} km`);
  }
  return out;
}
