/** China's extent including the South China Sea islands (a coarse box: enough to catch swapped or wrong coordinates). */
export const CHINA_BOX = { west: 73.4, east: 135.1, south: 3.3, north: 53.6 } as const;

/** Why a position cannot be a place in this county's country, or null. */
export function positionProblem(lon: number, lat: number): string | null {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return '经纬度应为数字';
  if (lon < CHINA_BOX.west || lon > CHINA_BOX.east || lat < CHINA_BOX.south || lat > CHINA_BOX.north) {
    const swapped = lat >= CHINA_BOX.west && lat <= CHINA_BOX.east && lon >= CHINA_BOX.south && lon <= CHINA_BOX.north;
    return `位置（经度 ${lon.toFixed(6)}，纬度 ${lat.toFixed(6)}）不在中国境内${swapped ? '：经度和纬度可能填反了' : '，请检查坐标'}`;
  }
  return null;
}
