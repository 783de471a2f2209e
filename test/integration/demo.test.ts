import { describe, expect, it } from 'vitest';
import { checkUscc } from '../../shared/domain/uscc';
import { checkRegionCode } from '../../shared/domain/region-code';
import { pollutionSourceCodeProblem } from '../../shared/domain/pollution-source-code';
import { BOUNDS } from '../../electron/services/demo/county';
import { generateDemo } from '../../electron/services/demo/generate';
import { openWorkbench } from './helpers';

function content(seed: number) {
  const wb = openWorkbench(undefined, 'system');
  generateDemo(wb.store, { seed });
  const dump = (table: string) => wb.store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()
    .map((r) => { const { created_at: _c, updated_at: _u, ...rest } = r as Record<string, unknown>; return rest; });
  return { wb, text: JSON.stringify(['regions', 'people', 'watersheds', 'water_bodies', 'enterprises', 'outfalls', 'settings'].map(dump)) };
}

describe('the demo county', () => {
  it('is the same for the same seed and different for another', () => {
    const a = content(7);
    expect(content(7).text).toBe(a.text);
    expect(content(8).text).not.toBe(a.text);
  });

  it('has valid codes everywhere and every coordinate inside the county', () => {
    const { wb } = content(20261129);
    const db = wb.store.db;
    for (const r of db.prepare('SELECT uscc, pollution_source_code, lon, lat, industry_code FROM enterprises').all() as Record<string, string | number | null>[]) {
      expect(checkUscc(r.uscc as string)).toMatchObject({ ok: true, checkMatches: true });
      if (r.pollution_source_code) expect(pollutionSourceCodeProblem(r.pollution_source_code as string, r.uscc as string)).toBeNull();
      expect(r.lon as number).toBeGreaterThanOrEqual(BOUNDS.west);
      expect(r.lon as number).toBeLessThanOrEqual(BOUNDS.east);
      expect(r.lat as number).toBeGreaterThanOrEqual(BOUNDS.south);
      expect(r.lat as number).toBeLessThanOrEqual(BOUNDS.north);
    }
    for (const code of db.prepare('SELECT code FROM regions').pluck().all() as string[]) expect(checkRegionCode(code).ok, code).toBe(true);
    const counts = db.prepare("SELECT level, count(*) AS n FROM regions GROUP BY level").all();
    expect(counts).toEqual([{ level: 'county', n: 1 }, { level: 'town', n: 10 }, { level: 'village', n: 100 }]);
    expect(db.prepare('SELECT count(*) FROM enterprises').pluck().get()).toBe(400);
    expect(db.prepare('SELECT count(*) FROM outfalls').pluck().get()).toBe(200);
    expect(db.prepare('SELECT count(DISTINCT watershed_id) FROM water_bodies').pluck().get()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM water_bodies').pluck().get()).toBe(5);
  });
});
