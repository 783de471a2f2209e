import { useEffect, useState } from 'react';
import { formatDms, parseDegrees } from '../../shared/domain/dms';
import { isInChina } from '../../shared/domain/coordinates';
import { devicePosition } from './position';

type Position = { lat: number; lon: number } | null;

/** A position: from the device, from a photo's GPS, or typed (decimal or 度分秒, CGCS2000 ≈ WGS-84). */
export function LocationInput(p: { label: string; value: Position; disabled?: boolean; photoPosition?: Position; onSave: (v: Position) => void }) {
  const [lon, setLon] = useState(p.value ? String(p.value.lon) : '');
  const [lat, setLat] = useState(p.value ? String(p.value.lat) : '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setLon(p.value ? String(p.value.lon) : ''); setLat(p.value ? String(p.value.lat) : ''); }, [p.value?.lon, p.value?.lat]); // eslint-disable-line react-hooks/exhaustive-deps
  const commit = () => {
    if (lon.trim() === '' && lat.trim() === '') { setError(null); if (p.value) p.onSave(null); return; }
    const x = parseDegrees(lon); const y = parseDegrees(lat);
    if (x === null || y === null) { setError('经纬度无法识别，请填小数度或度分秒'); return; }
    if (!isInChina({ lon: x, lat: y })) { setError(`位置（经度 ${x}，纬度 ${y}）不在中国境内，请核对`); return; }
    setError(null);
    if (!p.value || p.value.lon !== x || p.value.lat !== y) p.onSave({ lon: x, lat: y });
  };
  const fromDevice = async () => {
    try { setError(null); p.onSave(await devicePosition()); } catch (e) { setError((e as Error).message); }
  };
  return (
    <span className="location-input">
      <input aria-label={`${p.label}经度`} placeholder="经度" value={lon} disabled={p.disabled} onChange={(e) => setLon(e.target.value)} onBlur={commit} />
      <input aria-label={`${p.label}纬度`} placeholder="纬度" value={lat} disabled={p.disabled} onChange={(e) => setLat(e.target.value)} onBlur={commit} />
      {!p.disabled && <button type="button" onClick={() => void fromDevice()}>本机定位</button>}
      {!p.disabled && p.photoPosition && <button type="button" onClick={() => p.onSave(p.photoPosition!)}>用照片位置</button>}
      {p.value && <small className="muted">{formatDms(p.value.lon)}，{formatDms(p.value.lat)}</small>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
}
