import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type Supercluster from 'supercluster';
import type { ClusterProperties } from 'supercluster';
import type { BasemapInfo, Points } from '../../shared/api/map';
import { TARGET_STATUSES, TARGET_STATUS_COLORS } from '../../shared/map/status';
import { tileUrlTemplate } from '../api';
import { coordinateReadout, legendControl } from './controls';
import type { ClusterProps, PointProps, Target, TargetKind } from './targets';

export type Layer = { id: string; kind: 'town' | 'village' | 'watershed' | 'river' | 'lake'; name: string; geometry: unknown };
export type PickMode = 'outfall' | 'position' | null;
export type MapEvents = { onSelect: (t: Target) => void; onPick: (mode: Exclude<PickMode, null>, lon: number, lat: number) => void; onView: () => void };

const WATERSHED_COLORS = ['#5dade2', '#58d68d', '#f5b041', '#af7ac5', '#ec7063'];
const feature = (l: Layer): GeoJSON.Feature => ({ type: 'Feature', properties: { name: l.name, id: l.id }, geometry: l.geometry as GeoJSON.Geometry });

/**
 * The county map (DESIGN §9): our own vector layers over an optional offline basemap, markers
 * clustered by supercluster and drawn on a canvas, the inspector's position, and picking a point.
 * Nothing is ever fetched from another host.
 */
export class CountyMap {
  readonly map: L.Map;
  private readonly canvas = L.canvas({ padding: 0.3 });
  private readonly markers = L.layerGroup();
  private readonly tasks = L.layerGroup();
  private readonly mine = L.layerGroup();
  private index: Supercluster<PointProps, ClusterProps> | null = null;
  private data: Record<TargetKind, Points> | null = null;
  private selected: Target | null = null;
  picking: PickMode = null;
  private townLayer: L.GeoJSON | null = null;
  /** The target a click on the map just chose: selected where it is, the map left as it is. */
  private clicked: Target | null = null;
  /** How long each redraw of the markers took (ms), for the bench. */
  readonly redraws: number[] = [];

  constructor(el: HTMLElement, layers: Layer[], basemap: BasemapInfo | null, private readonly events: MapEvents) {
    this.map = L.map(el, { preferCanvas: true, zoomControl: true, attributionControl: false, minZoom: 7, maxZoom: 18 });
    const overlays: Record<string, L.Layer> = {};
    if (basemap) {
      const base = L.tileLayer(tileUrlTemplate(), { minNativeZoom: basemap.minzoom, maxNativeZoom: basemap.maxzoom, minZoom: 7, maxZoom: 18, bounds: basemap.bounds ? [[basemap.bounds[1], basemap.bounds[0]], [basemap.bounds[3], basemap.bounds[2]]] : undefined });
      base.addTo(this.map);
      overlays[`底图：${basemap.name}`] = base;
    }
    const of = (kind: Layer['kind']) => layers.filter((l) => l.kind === kind).map(feature);
    const watersheds = L.geoJSON(of('watershed'), { style: (f) => ({ color: WATERSHED_COLORS[of('watershed').findIndex((x) => x.properties?.id === f?.properties?.id) % WATERSHED_COLORS.length], weight: 0, fillOpacity: 0.12 }), onEachFeature: (f, l) => l.bindTooltip(String(f.properties?.name), { sticky: true }) });
    const villages = L.geoJSON(of('village'), { style: { color: '#8899a6', weight: 0.6, dashArray: '3 3', fill: false } });
    const towns = L.geoJSON(of('town'), { style: { color: '#34495e', weight: 1.6, fillOpacity: 0 }, onEachFeature: (f, l) => l.bindTooltip(String(f.properties?.name), { permanent: true, direction: 'center', className: 'town-label' }) });
    const water = L.geoJSON([...of('river'), ...of('lake')], { style: { color: '#2e86c1', weight: 2.2, fillColor: '#5dade2', fillOpacity: 0.5 }, onEachFeature: (f, l) => l.bindTooltip(String(f.properties?.name), { sticky: true }) });
    this.townLayer = towns;
    Object.assign(overlays, { 流域: watersheds, 镇街边界: towns, 村居边界: villages, 河流水体: water, 排污单位与排污口: this.markers, 今日任务: this.tasks });
    for (const l of [watersheds, towns, water, this.markers, this.tasks, this.mine]) l.addTo(this.map);
    this.map.on('zoomend', () => { if (this.map.getZoom() >= 12) villages.addTo(this.map); else villages.remove(); });
    L.control.layers(undefined, overlays, { collapsed: true }).addTo(this.map);
    L.control.scale({ imperial: false }).addTo(this.map);
    legendControl().addTo(this.map);
    coordinateReadout(this.map).addTo(this.map);
    const box = towns.getBounds();
    this.map.fitBounds(box.isValid() ? box : L.latLngBounds([[25.7, 114.8], [26.1, 115.3]]));
    this.map.on('moveend', () => { this.redraw(); this.events.onView(); });
    this.map.on('click', (e: L.LeafletMouseEvent) => { this.pickAt(e); });
  }

  /** New targets or filters: a new index, then a redraw. */
  setTargets(data: Record<TargetKind, Points>, index: Supercluster<PointProps, ClusterProps>): void {
    this.data = data;
    this.index = index;
    this.redraw();
  }

  /** Draws the clusters and points in view; cluster counts as small DOM labels, points on the canvas. */
  redraw(): void {
    if (!this.index || !this.data) return;
    const started = performance.now();
    const b = this.map.getBounds();
    const zoom = Math.round(this.map.getZoom());
    this.markers.clearLayers();
    for (const f of this.index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom)) {
      const [lon, lat] = f.geometry.coordinates;
      const props = f.properties as Partial<PointProps> & Partial<ClusterProperties> & ClusterProps;
      const color = TARGET_STATUS_COLORS[TARGET_STATUSES[props.worst]];
      if (props.cluster) {
        const n = props.point_count ?? 0;
        const size = n < 10 ? 26 : n < 100 ? 32 : n < 1000 ? 40 : 48;
        const m = L.marker([lat, lon], { icon: L.divIcon({ className: 'map-cluster', html: `<span style="background:${color}">${props.point_count_abbreviated}</span>`, iconSize: [size, size] }), keyboard: false });
        m.on('click', (e: L.LeafletMouseEvent) => { if (!this.pickAt(e)) this.map.flyTo([lat, lon], Math.min(this.index!.getClusterExpansionZoom(props.cluster_id!), 18), { duration: 0.4 }); });
        this.markers.addLayer(m);
        continue;
      }
      const t = { kind: props.kind!, i: props.i! };
      const sel = this.selected && this.selected.kind === t.kind && this.selected.i === t.i;
      const marker = t.kind === 'enterprise'
        ? L.circleMarker([lat, lon], { renderer: this.canvas, radius: sel ? 9 : 6, color: sel ? '#000' : '#fff', weight: sel ? 3 : 1, fillColor: color, fillOpacity: 0.95 })
        : L.rectangle(this.squareAround(lat, lon, sel ? 9 : 6), { renderer: this.canvas, color: sel ? '#000' : '#fff', weight: sel ? 3 : 1, fillColor: color, fillOpacity: 0.95 });
      marker.on('click', (e: L.LeafletMouseEvent) => { L.DomEvent.stopPropagation(e); if (!this.pickAt(e)) { this.clicked = t; this.events.onSelect(t); } });
      marker.bindTooltip(this.data[t.kind].names[t.i]);
      this.markers.addLayer(marker);
    }
    this.redraws.push(performance.now() - started);
  }

  /** While a point is being picked, a click on a marker or cluster picks the spot clicked (a new outfall beside an enterprise). */
  private pickAt(e: L.LeafletMouseEvent): boolean {
    if (!this.picking) return false;
    L.DomEvent.stopPropagation(e);
    this.events.onPick(this.picking, e.latlng.lng, e.latlng.lat);
    return true;
  }

  private squareAround(lat: number, lon: number, px: number): L.LatLngBounds {
    const p = this.map.latLngToLayerPoint([lat, lon]);
    return L.latLngBounds(this.map.layerPointToLatLng([p.x - px, p.y - px]), this.map.layerPointToLatLng([p.x + px, p.y + px]));
  }

  /**
   * Highlights a target. Clicked on the map, it is selected where it is; chosen from a list, it is
   * centred at the current zoom — never zoomed to a street (issue 20).
   */
  select(t: Target | null): void {
    this.selected = t;
    const onMap = t && this.clicked && this.clicked.kind === t.kind && this.clicked.i === t.i;
    this.clicked = null;
    if (t && this.data && !onMap) this.map.panTo([this.data[t.kind].lat[t.i], this.data[t.kind].lon[t.i]]);
    else this.redraw();
  }

  /** Fits the map to a town's boundary (the town filter), or to the points given when it has none. */
  showTown(code: string, points: [number, number][]): void {
    let box: L.LatLngBounds | null = null;
    this.townLayer?.eachLayer((l) => {
      const f = (l as L.GeoJSON & { feature?: GeoJSON.Feature }).feature;
      if (f?.properties?.id === code) box = (l as L.Polygon).getBounds();
    });
    if (!box && points.length) box = L.latLngBounds(points.map(([lon, lat]) => [lat, lon]));
    if (box && (box as L.LatLngBounds).isValid()) this.map.fitBounds(box, { padding: [24, 24], maxZoom: 15 });
  }

  /** Today's released tasks, ringed. */
  setTasks(points: { lon: number; lat: number; name: string }[]): void {
    this.tasks.clearLayers();
    for (const p of points) this.tasks.addLayer(L.circleMarker([p.lat, p.lon], { radius: 12, color: '#1a56b0', weight: 3, fill: false }).bindTooltip(`今日任务：${p.name}`));
  }

  /** The inspector's position. */
  setPosition(p: { lon: number; lat: number } | null): void {
    this.mine.clearLayers();
    if (!p) return;
    this.mine.addLayer(L.circleMarker([p.lat, p.lon], { radius: 8, color: '#fff', weight: 3, fillColor: '#1a73e8', fillOpacity: 1 }).bindTooltip('我的位置'));
    this.map.setView([p.lat, p.lon], Math.max(this.map.getZoom(), 14));
  }

  destroy(): void { this.map.remove(); }
}
