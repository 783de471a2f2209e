import type { Database } from 'better-sqlite3';
import type { CoordinateSystem } from '../../shared/domain/coordinates';
import { isInChina, round6, toStored } from '../../shared/domain/coordinates';
import { getRegion, watershedExists } from '../store/places';

type Fields = Record<string, string>;

/** Checks town/village codes against the region directory, adding messages to `errors`. */
export function checkTownVillage(db: Database, townCode: string, villageCode: string | null, errors: Fields): void {
  const town = getRegion(db, townCode);
  if (!town || town.level !== 'town') errors.townCode = `所属镇街“${townCode}”不在本县区划目录中`;
  if (villageCode) {
    const village = getRegion(db, villageCode);
    if (!village || village.level !== 'village') errors.villageCode = `所属村居“${villageCode}”不在本县区划目录中`;
    else if (village.parentCode !== townCode) errors.villageCode = `村居“${village.name}”不属于所选镇街`;
  }
}

export function checkWatershed(db: Database, watershedId: string | null, errors: Fields): void {
  if (watershedId && !watershedExists(db, watershedId)) errors.watershedId = '所选流域不存在';
}

/**
 * Validates a coordinate pair and converts it to the stored system (CGCS2000, 6 decimals).
 * Both or neither must be given; a point outside China is refused (often a swapped pair).
 */
export function storedCoordinates(lon: number | null, lat: number | null, system: CoordinateSystem, errors: Fields): { lon: number | null; lat: number | null } {
  if (lon === null && lat === null) return { lon: null, lat: null };
  if (lon === null || lat === null) {
    errors[lon === null ? 'lon' : 'lat'] = '经度和纬度须同时填写';
    return { lon: null, lat: null };
  }
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || !isInChina({ lon, lat })) {
    const swapped = isInChina({ lon: lat, lat: lon }) ? '，经纬度可能填反了' : '';
    errors.lon = `坐标（经度 ${lon}，纬度 ${lat}）不在中国境内${swapped}`;
    return { lon: null, lat: null };
  }
  const p = toStored({ lon, lat }, system);
  return { lon: round6(p.lon), lat: round6(p.lat) };
}
