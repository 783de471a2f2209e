import { useState } from 'react';
import type { Output } from '../../shared/api/index';
import { call, stageFile } from '../api';
import { useMay } from '../auth/auth-context';

/** 底图: the offline tile package (.mbtiles) on this computer, or none (the vector layers alone). */
export function BasemapCard({ value, onChange }: { value: Output<'map.basemap'>; onChange: (v: Output<'map.basemap'>) => void }) {
  const [path, setPath] = useState(value.info?.path ?? '');
  const [error, setError] = useState<string | null>(null);
  const may = useMay();
  const apply = async (p: string) => {
    setError(null);
    try { onChange(await call('map.setBasemap', { path: p })); } catch (e) { setError((e as Error).message); }
  };
  return (
    <section className="card" aria-label="底图">
      <h2>离线底图</h2>
      {value.info ? <p className="muted">{value.info.name} · {value.info.format.toUpperCase()} · {value.info.scheme.toUpperCase()} · 级别 {value.info.minzoom}–{value.info.maxzoom} · {value.info.tiles.toLocaleString('zh-CN')} 张瓦片</p>
        : <p className="muted">未使用底图：地图由本工作区的边界、河流和点位绘制，不访问网络。</p>}
      {value.problem && <p className="banner error" role="alert">底图不可用：{value.problem}</p>}
      {may('settings') ? <div className="pair">
        <input aria-label="瓦片包路径" placeholder="本机 .mbtiles 文件的完整路径" value={path} onChange={(e) => setPath(e.target.value)} />
        <button onClick={() => void apply(path)}>使用</button>
        <label className="button-like">选择瓦片包…<input type="file" accept=".mbtiles" hidden aria-label="选择瓦片包文件" onChange={(e) => {
          const f = e.target.files?.[0]; e.target.value = '';
          if (f) void (async () => { setError(null); try { onChange(await call('map.setBasemap', { upload: await stageFile(f, 'mbtiles'), fileName: f.name })); } catch (err) { setError((err as Error).message); } })();
        }} /></label>
        {value.info && <button className="link" onClick={() => { setPath(''); void apply(''); }}>不用底图</button>}
      </div> : <p className="muted">底图由管理员在此选择。</p>}
      {error && <p className="banner error" role="alert">{error}</p>}
    </section>
  );
}
