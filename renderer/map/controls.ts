import L from 'leaflet';
import { formatDms } from '../../shared/domain/dms';
import { TARGET_STATUSES, TARGET_STATUS_COLORS, TARGET_STATUS_LABELS } from '../../shared/map/status';

/** The legend: marker colours by what needs doing, and the two marker shapes. */
export function legendControl(): L.Control {
  const c = new L.Control({ position: 'bottomright' });
  c.onAdd = () => {
    const div = L.DomUtil.create('div', 'map-legend');
    div.setAttribute('aria-label', '图例');
    div.innerHTML = `<b>图例</b>${TARGET_STATUSES.map((s) => `<div><i style="background:${TARGET_STATUS_COLORS[s]}"></i>${TARGET_STATUS_LABELS[s]}</div>`).join('')}
      <div><i class="round"></i>排污单位（圆）</div><div><i class="square"></i>排污口（方）</div><div><i class="cluster"></i>聚合（数字为数量）</div>`;
    return div;
  };
  return c;
}

/** The pointer's position in decimal degrees and 度分秒. */
export function coordinateReadout(map: L.Map): L.Control {
  const c = new L.Control({ position: 'bottomleft' });
  c.onAdd = () => {
    const div = L.DomUtil.create('div', 'map-readout');
    div.setAttribute('data-testid', 'coordinate-readout');
    div.textContent = '移动鼠标显示坐标';
    map.on('mousemove', (e: L.LeafletMouseEvent) => {
      const { lng, lat } = e.latlng;
      div.textContent = `${lng.toFixed(6)}, ${lat.toFixed(6)}  ·  ${formatDms(lng, 1)}E ${formatDms(lat, 1)}N`;
    });
    return div;
  };
  return c;
}
