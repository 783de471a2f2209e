import { useEffect, useMemo, useRef, useState } from 'react';
import type { Output } from '../../shared/api/index';
import { parseDegrees } from '../../shared/domain/dms';
import { INDUSTRY_SECTIONS } from '../../shared/domain/industry';
import { OUTFALL_TYPE_NAMES } from '../../shared/domain/outfall-types';
import { positionProblem } from '../../shared/map/china';
import { TARGET_STATUSES, TARGET_STATUS_COLORS, TARGET_STATUS_LABELS } from '../../shared/map/status';
import { call } from '../api';
import { TownFilter } from '../components/region-picker';
import { useDirectories } from '../directories';
import { BasemapCard } from './basemap-card';
import { CountyMap, type PickMode } from './county-map';
import { buildIndex, distanceM, passes, type MapFilters, type Target, type TargetKind } from './targets';
import { navigate } from '../router';

type Data = { points: Output<'map.points'>; layers: Output<'map.layers'>; basemap: Output<'map.basemap'> };
const KIND_LABELS: Record<TargetKind, string> = { enterprise: '排污单位', outfall: '排污口' };

/** 地图: the county with no network — boundaries, rivers, every enterprise and outfall by what needs doing. */
export function MapPage() {
  const d = useDirectories();
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<CountyMap | null>(null);
  const [data, setData] = useState<Data | null>(null);
  const [f, setF] = useState<MapFilters>({ kinds: ['enterprise', 'outfall'], town: '', watershed: '', detail: '', status: '' });
  const [selected, setSelected] = useState<Target | null>(null);
  const [position, setPosition] = useState<{ lon: number; lat: number } | null>(null);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [picking, setPicking] = useState<PickMode>(null);
  const [view, setView] = useState(0);
  useEffect(() => {
    void Promise.all([call('map.points', {}), call('map.layers', {}), call('map.basemap', {})]).then(([points, layers, basemap]) => setData({ points, layers, basemap }));
  }, []);
  useEffect(() => {
    if (!data || !box.current) return;
    const m = new CountyMap(box.current, data.layers, data.basemap.info, { onSelect: setSelected, onPick: (mode, lon, lat) => {
      // A new outfall starts in the town and village the clicked point lies in (issue 20).
      if (mode === 'outfall') void call('places.at', { lon, lat }).then((at) => navigate(`/outfalls/new?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}${at.townCode ? `&town=${at.townCode}` : ''}${at.villageCode ? `&village=${at.villageCode}` : ''}`), () => navigate(`/outfalls/new?lon=${lon.toFixed(6)}&lat=${lat.toFixed(6)}`));
      else { setPicking(null); setMessage(positionProblem(lon, lat)); if (!positionProblem(lon, lat)) setPosition({ lon, lat }); }
    }, onView: () => setView((v) => v + 1) });
    map.current = m;
    setView((v) => v + 1);
    (window as unknown as { __qingshuiMap?: CountyMap }).__qingshuiMap = m;
    void call('plans.myTasks', {}).then((tasks) => {
      const e = data.points.enterprises;
      const at = new Map(e.ids.map((id, i) => [id, i]));
      m.setTasks(tasks.filter((t) => !t.inspectionId && at.has(t.targetId)).map((t) => ({ lon: e.lon[at.get(t.targetId)!], lat: e.lat[at.get(t.targetId)!], name: t.targetName })));
    });
    return () => { m.destroy(); map.current = null; };
  }, [data]);
  const targets = useMemo(() => (data ? { enterprise: data.points.enterprises, outfall: data.points.outfalls } : null), [data]);
  useEffect(() => { if (targets && map.current) map.current.setTargets(targets, buildIndex(targets, f)); }, [targets, f, data]);
  useEffect(() => { map.current?.select(selected); }, [selected]);
  // The town filter brings its town into view (issue 20).
  useEffect(() => {
    if (!f.town || !targets || !map.current) return;
    const pts: [number, number][] = [];
    for (const p of [targets.enterprise, targets.outfall]) p.town.forEach((t, i) => { if (t === f.town) pts.push([p.lon[i], p.lat[i]]); });
    map.current.showTown(f.town, pts);
  }, [f.town, targets]);
  useEffect(() => { if (map.current) map.current.picking = picking; }, [picking, data]); // also when the map is made after the button was pressed
  useEffect(() => { map.current?.setPosition(position); }, [position]);

  // 附近: the targets in view passing the filters, nearest to me (or to the map's centre) first.
  const nearby = useMemo(() => {
    if (!targets || !map.current) return [];
    const b = map.current.map.getBounds();
    const c = position ?? { lon: b.getCenter().lng, lat: b.getCenter().lat };
    const out: (Target & { m: number })[] = [];
    for (const kind of f.kinds) {
      const p = targets[kind];
      for (let i = 0; i < p.ids.length; i++) if (passes(p, i, f) && b.contains([p.lat[i], p.lon[i]])) out.push({ kind, i, m: distanceM(c, { lon: p.lon[i], lat: p.lat[i] }) });
    }
    return out.sort((a, z) => a.m - z.m).slice(0, 60);
  }, [targets, f, view, position]); // eslint-disable-line react-hooks/exhaustive-deps

  const locate = () => {
    setMessage(null);
    if (!navigator.geolocation) { setMessage('本机无法提供定位，请在下方输入坐标'); return; }
    navigator.geolocation.getCurrentPosition(
      (p) => { const problem = positionProblem(p.coords.longitude, p.coords.latitude); if (problem) setMessage(problem); else setPosition({ lon: p.coords.longitude, lat: p.coords.latitude }); },
      () => setMessage('无法获取本机定位（未授权或无定位设备），请输入坐标或在地图上查找'), { timeout: 8000 },
    );
  };
  const useTyped = () => {
    const [a, b] = typed.split(/[,，\s]+/).filter(Boolean);
    const lon = a ? parseDegrees(a) : null, lat = b ? parseDegrees(b) : null;
    if (lon === null || lat === null) { setMessage('请输入“经度, 纬度”，小数度或度分秒均可'); return; }
    const problem = positionProblem(lon, lat);
    setMessage(problem);
    if (!problem) setPosition({ lon, lat });
  };
  const sel = selected && targets ? { p: targets[selected.kind], i: selected.i } : null;
  const details = f.kinds.length === 1 && f.kinds[0] === 'outfall' ? OUTFALL_TYPE_NAMES.map((t) => [t, t]) : Object.entries(INDUSTRY_SECTIONS).map(([k, v]) => [k, `${k} ${v}`]);
  return (
    <div className="page map-page">
      <header className="page-head">
        <h1>地图</h1>
        {data && <span className="muted" data-testid="map-counts">排污单位 {data.points.enterprises.ids.length.toLocaleString('zh-CN')} · 排污口 {data.points.outfalls.ids.length.toLocaleString('zh-CN')}</span>}
        <span className="spacer" />
        <button className={picking === 'outfall' ? 'primary' : ''} disabled={!data} title={data ? undefined : '地图载入中…'} aria-pressed={picking === 'outfall'} onClick={() => setPicking(picking === 'outfall' ? null : 'outfall')}>{picking === 'outfall' ? '点选中…（再点取消）' : '新增排污口（在地图上点选）'}</button>
      </header>
      <div className="filters" role="group" aria-label="地图筛选">
        {(['enterprise', 'outfall'] as const).map((k) => (
          <label key={k} className="check"><input type="checkbox" checked={f.kinds.includes(k)} onChange={(e) => setF({ ...f, kinds: e.target.checked ? [...f.kinds, k] : f.kinds.filter((x) => x !== k), detail: '' })} />{KIND_LABELS[k]}</label>
        ))}
        <TownFilter value={f.town} onChange={(town) => setF({ ...f, town })} />
        <select aria-label="流域" value={f.watershed} onChange={(e) => setF({ ...f, watershed: e.target.value })}><option value="">全部流域</option>{d.watersheds.map((w) => <option key={w.id} value={w.id}>{w.name}</option>)}</select>
        <select aria-label={f.kinds.length === 1 && f.kinds[0] === 'outfall' ? '排污口类型' : '行业'} value={f.detail} onChange={(e) => setF({ ...f, detail: e.target.value })}><option value="">{f.kinds.length === 1 && f.kinds[0] === 'outfall' ? '全部类型' : '全部行业'}</option>{details.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select>
        <select aria-label="状态" value={f.status} onChange={(e) => setF({ ...f, status: e.target.value })}><option value="">全部状态</option>{TARGET_STATUSES.map((s, i) => <option key={s} value={String(i)}>{TARGET_STATUS_LABELS[s]}</option>)}</select>
      </div>
      {picking && <p className="banner warning" role="status">{picking === 'outfall' ? '在地图上点击新发现排污口的位置，随后填写排污口信息（坐标已填好）' : '在地图上点击您所在的位置'}</p>}
      <div className="map-layout">
        <div ref={box} className="map-box" data-testid="map" />
        <aside className="map-side">
          {sel && selected && (
            <section className="card" aria-label="选中的对象">
              <h2>{sel.p.names[sel.i]}<button className="link right" aria-label="取消选中" onClick={() => setSelected(null)}>×</button></h2>
              <p><span className="tag" style={{ background: TARGET_STATUS_COLORS[TARGET_STATUSES[sel.p.status[sel.i]]], color: '#fff' }}>{TARGET_STATUS_LABELS[TARGET_STATUSES[sel.p.status[sel.i]]]}</span> {KIND_LABELS[selected.kind]}</p>
              <p className="muted">{sel.p.lon[sel.i].toFixed(6)}, {sel.p.lat[sel.i].toFixed(6)}{position && ` · 距我 ${(distanceM(position, { lon: sel.p.lon[sel.i], lat: sel.p.lat[sel.i] }) / 1000).toFixed(2)} km`}</p>
              <div className="action-buttons">
                <button className="primary" onClick={() => navigate(`/${selected.kind}s/${sel.p.ids[sel.i]}`)}>打开档案</button>
                <button onClick={() => navigate(`/inspections/new?kind=${selected.kind}&target=${sel.p.ids[sel.i]}&name=${encodeURIComponent(sel.p.names[sel.i])}`)}>开始检查</button>
              </div>
            </section>
          )}
          <section className="card" aria-label="我的位置">
            <h2>我的位置</h2>
            <div className="pair"><button onClick={locate}>本机定位</button><button aria-pressed={picking === 'position'} onClick={() => setPicking(picking === 'position' ? null : 'position')}>在地图上点选</button></div>
            <div className="pair"><input aria-label="输入坐标" placeholder="经度, 纬度（如 115.05, 25.9）" value={typed} onChange={(e) => setTyped(e.target.value)} /><button onClick={useTyped}>定位</button></div>
            {message && <p className="banner warning" role="alert">{message}</p>}
            {position && <p className="muted">{position.lon.toFixed(6)}, {position.lat.toFixed(6)}（按距离排序）</p>}
          </section>
          <section className="card" aria-label="附近">
            <h2>{position ? '附近' : '视图内'}（{nearby.length}）</h2>
            <ul className="links nearby">
              {targets && nearby.map((t) => (
                <li key={`${t.kind}${t.i}`} className={selected?.kind === t.kind && selected.i === t.i ? 'selected' : ''}>
                  <button className="link" onClick={() => setSelected({ kind: t.kind, i: t.i })}><i className="dot" style={{ background: TARGET_STATUS_COLORS[TARGET_STATUSES[targets[t.kind].status[t.i]]] }} />{targets[t.kind].names[t.i]}</button>
                  <small> {(t.m / 1000).toFixed(1)} km</small>
                </li>
              ))}
            </ul>
          </section>
          {data && (data.points.unlocated.enterprises.total + data.points.unlocated.outfalls.total > 0) && (
            <section className="card" aria-label="未定位">
              <h2>未定位（{data.points.unlocated.enterprises.total + data.points.unlocated.outfalls.total}）</h2>
              <p className="muted">没有坐标的记录不放在地图上，请在档案中补充坐标。</p>
              <ul className="links">
                {data.points.unlocated.enterprises.first.slice(0, 20).map((x) => <li key={x.id}><a href={`#/enterprises/${x.id}`}>{x.name}</a></li>)}
                {data.points.unlocated.outfalls.first.slice(0, 20).map((x) => <li key={x.id}><a href={`#/outfalls/${x.id}`}>{x.name}</a></li>)}
              </ul>
            </section>
          )}
          {data && <BasemapCard value={data.basemap} onChange={(basemap) => setData({ ...data, basemap })} />}
        </aside>
      </div>
    </div>
  );
}
