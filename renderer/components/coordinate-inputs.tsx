import { isInChina } from '../../shared/domain/coordinates';
import { formatDms, parseDegrees } from '../../shared/domain/dms';
import { COORD_SYSTEM_LABELS, t } from '../i18n/zh-CN';
import { Detail } from './field';

/** Longitude and latitude as typed (decimal or 度分秒), plus the system they are in. */
export type CoordinateText = { lon: string; lat: string; system: string };

/** Parses typed coordinates; an error names the field that could not be read. */
export function parseCoordinateText(c: CoordinateText): { lon: number | null; lat: number | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const lon = c.lon.trim() === '' ? null : parseDegrees(c.lon);
  const lat = c.lat.trim() === '' ? null : parseDegrees(c.lat);
  if (c.lon.trim() !== '' && lon === null) errors.lon = `经度“${c.lon}”无法识别，请填小数度或度分秒`;
  if (c.lat.trim() !== '' && lat === null) errors.lat = `纬度“${c.lat}”无法识别，请填小数度或度分秒`;
  if (lon !== null && lat !== null && !isInChina({ lon, lat })) {
    errors.lon = `坐标（经度 ${lon}，纬度 ${lat}）不在中国境内${isInChina({ lon: lat, lat: lon }) ? '，经纬度可能填反了' : ''}`;
  }
  if ((lon === null) !== (lat === null) && !errors.lon && !errors.lat) errors[lon === null ? 'lon' : 'lat'] = '经度和纬度须同时填写';
  return { lon, lat, errors };
}

/** Stored coordinates (CGCS2000 decimals) as the text a form edits. */
export function coordinateTextOf(lon: number | null, lat: number | null): CoordinateText {
  return { lon: lon === null ? '' : String(lon), lat: lat === null ? '' : String(lat), system: 'CGCS2000' };
}

export function CoordinateInputs(p: { value: CoordinateText; onChange: (v: CoordinateText) => void }) {
  const v = p.value;
  return (
    <div className="triple">
      <input name="lon" aria-label="经度" placeholder="经度，如 115.054861" value={v.lon} onChange={(e) => p.onChange({ ...v, lon: e.target.value })} />
      <input name="lat" aria-label="纬度" placeholder="纬度，如 25.903415" value={v.lat} onChange={(e) => p.onChange({ ...v, lat: e.target.value })} />
      <select name="coordSystem" aria-label={t.coords.system} value={v.system} onChange={(e) => p.onChange({ ...v, system: e.target.value })}>
        {Object.entries(COORD_SYSTEM_LABELS).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
      </select>
    </div>
  );
}

/** A record's stored position as a detail page shows it: decimal degrees and 度分秒, in CGCS2000. */
export function CoordinateDetails(p: { lon: number | null; lat: number | null }) {
  return (
    <>
      <Detail label="经度（CGCS2000）">{p.lon === null ? '' : `${p.lon.toFixed(6)}（${formatDms(p.lon)}）`}</Detail>
      <Detail label="纬度（CGCS2000）">{p.lat === null ? '' : `${p.lat.toFixed(6)}（${formatDms(p.lat)}）`}</Detail>
    </>
  );
}
