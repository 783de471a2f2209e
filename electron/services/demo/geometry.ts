import { BOUNDS, COUNTY, RIVERS, TOWNS, townCells } from './county';
import { GEOMETRY } from '../../store/entities';
import type { Store } from '../../store/store';
import type { Random } from './random';
import { liveWaterBodies, liveWatersheds, villagesOf, watershedsByTown } from '../../store/demo-queries';

type Pt = [number, number];
const COLS = 4, ROWS = 3, SUB_X = 5, SUB_Y = 2;
const round = (n: number) => Math.round(n * 1e5) / 1e5;

/**
 * Plausible boundaries for the demo county: a lattice over the county's box with its inner points
 * jittered, so neighbouring towns and villages share their edges exactly; a town is a grid cell, its
 * ten villages the 5×2 sub-cells; rivers meander across; watersheds are their towns together.
 */
export function writeDemoGeometry(store: Store, rng: Random, author: string): void {
  const nx = COLS * SUB_X, ny = ROWS * SUB_Y;
  const w = (BOUNDS.east - BOUNDS.west) / nx, h = (BOUNDS.north - BOUNDS.south) / ny;
  const lattice: Pt[][] = [];
  for (let i = 0; i <= nx; i++) {
    lattice.push([]);
    for (let j = 0; j <= ny; j++) {
      const inner = i > 0 && i < nx && j > 0 && j < ny;
      const jx = inner ? (rng.next() - 0.5) * w * 0.5 : 0, jy = inner ? (rng.next() - 0.5) * h * 0.4 : 0;
      lattice[i].push([round(BOUNDS.west + i * w + jx), round(BOUNDS.south + j * h + jy)]);
    }
  }
  // The closed ring around lattice cells [i0, i1) × [j0, j1), counter-clockwise.
  const ring = (i0: number, j0: number, i1: number, j1: number): Pt[] => {
    const pts: Pt[] = [];
    for (let i = i0; i < i1; i++) pts.push(lattice[i][j0]);
    for (let j = j0; j < j1; j++) pts.push(lattice[i1][j]);
    for (let i = i1; i > i0; i--) pts.push(lattice[i][j1]);
    for (let j = j1; j > j0; j--) pts.push(lattice[i0][j]);
    return [...pts, pts[0]];
  };
  const cells = townCells().filter((_, i) => i !== 3 && i !== 8);
  const cellOf = (c: { lon: number; lat: number }) => [Math.floor((c.lon - BOUNDS.west) / (w * SUB_X)), Math.floor((c.lat - BOUNDS.south) / (h * SUB_Y))];
  const db = store.db;
  const townRings = new Map<string, Pt[]>();
  TOWNS.forEach((t, n) => {
    const code = `${COUNTY.code}${t.code}000`;
    const [col, row] = cellOf(cells[n]);
    const outline = ring(col * SUB_X, row * SUB_Y, (col + 1) * SUB_X, (row + 1) * SUB_Y);
    townRings.set(code, outline);
    store.write(GEOMETRY, code, { kind: 'town', name: t.name, geojson: { type: 'Polygon', coordinates: [outline] } }, author);
    const villages = villagesOf(db, code);
    villages.forEach((v, k) => {
      const i = col * SUB_X + (k % SUB_X), j = row * SUB_Y + Math.floor(k / SUB_X);
      store.write(GEOMETRY, v.code, { kind: 'village', name: v.name, geojson: { type: 'Polygon', coordinates: [ring(i, j, i + 1, j + 1)] } }, author);
    });
  });
  // A watershed is the towns whose enterprises mostly drain to it.
  const majority = watershedsByTown(db);
  const wsOf = new Map<string, string>();
  for (const r of majority) if (!wsOf.has(r.town)) wsOf.set(r.town, r.ws);
  for (const ws of liveWatersheds(db)) {
    const polys = [...townRings.entries()].filter(([town]) => wsOf.get(town) === ws.id).map(([, r]) => [r]);
    if (polys.length) store.write(GEOMETRY, ws.id, { kind: 'watershed', name: ws.name, geojson: { type: 'MultiPolygon', coordinates: polys } }, author);
  }
  // Rivers meander west to east across their share of the county; reservoirs are small ovals.
  const bodies = liveWaterBodies(db);
  RIVERS.forEach((r, k) => {
    const body = bodies.find((b) => b.name === r.name);
    if (!body) return;
    const baseLat = BOUNDS.south + ((k + 0.5) / RIVERS.length) * (BOUNDS.north - BOUNDS.south);
    const phase = rng.next() * Math.PI * 2;
    if (r.kind === '水库') {
      const c: Pt = [BOUNDS.west + (BOUNDS.east - BOUNDS.west) * (0.3 + 0.4 * rng.next()), baseLat];
      const oval = Array.from({ length: 25 }, (_, i) => [round(c[0] + 0.02 * Math.cos((i / 24) * 2 * Math.PI)), round(c[1] + 0.012 * Math.sin((i / 24) * 2 * Math.PI))] as Pt);
      store.write(GEOMETRY, body.id, { kind: 'lake', name: r.name, geojson: { type: 'Polygon', coordinates: [oval] } }, author);
      return;
    }
    const line = Array.from({ length: 41 }, (_, i) => {
      const x = BOUNDS.west + ((BOUNDS.east - BOUNDS.west) * i) / 40;
      return [round(x), round(baseLat + 0.025 * Math.sin(i / 3 + phase) + 0.01 * Math.sin(i / 1.3 + phase * 2))] as Pt;
    });
    store.write(GEOMETRY, body.id, { kind: 'river', name: r.name, geojson: { type: 'LineString', coordinates: line } }, author);
  });
}
