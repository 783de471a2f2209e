import { describe, expect, it } from 'vitest';
import { checkUscc } from '../../../../shared/domain/uscc';
import { parseDegrees } from '../../../../shared/domain/dms';
import { isInChina } from '../../../../shared/domain/coordinates';

// Values as they stand in ../shared/fixtures/enterprise-ledger-clerk-style.xlsx (序号 1–20).
const ROWS: [number, string, string, string][] = [
  [1, '91330782LUY3W7WKK6', '120°3′50.0″', '29°23′33.7″'], [2, '913307823E0TWMFMAD', '120°0′58.1″', '29°17′35.1″'],
  [3, '91330782E4WLNNJ902', '120°6′41.4″', '29°17′37.7″'], [4, '91330782WFCXG8UDJ7', '120°9′37.8″', '29°22′48.0″'],
  [5, '91330782W7UW3LNEM1', '120°5′9.2″', '29°16′16.9″'], [6, '913307828014LWKYEP', '120°5′11.8″', '29°17′39.0″'],
  [7, '91330782T9AEXR3ENM', '120°6′41.6″', '29°23′9.9″'], [8, '913307824EX020EJH5', '120°2′20.1″', '29°22′42.6″'],
  [9, '91330782JJQXYUFNPG', '120°1′51.4″', '29°17′49.3″'], [10, '91330782XJ9GDCR4GF', '120°11′13.2″', '29°22′3.1″'],
  [11, '91330782EAX3FYEJKR', '120°5′42.7″', '29°21′8.7″'], [12, '91330782LX51LHXT1R', '120°6′34.1″', '29°15′18.4″'],
  [13, '913307828DHDU2C95X', '120°7′56.1″', '29°16′40.4″'], [14, '91330782RGR8T3U670', '120°5′47.1″', '29°16′4.9″'],
  [15, '91330782H63KN8HQJ7', '120°6′44.6″', '29°20′9.1″'], [16, '91330782QBPR5LL3GL', '120°2′3.3″', '29°21′9.7″'],
  [17, '913307828DY013709H', '120°10′23.9″', '29°23′8.7″'], [18, '91330782K6KEDMW3ME', '120°0′27.4″', '29°18′38.3″'],
  [19, '91330782RX39QDAJWC', '120°3′28.5″', '29°23′37.5″'], [20, '91330782KLL90DJ4BF', '120°0′26.9″', '29°19′42.2″'],
];

describe("a clerk's enterprise ledger", () => {
  it('reads every 度分秒 coordinate as a point in China', () => {
    for (const [n, , lon, lat] of ROWS) {
      const p = { lon: parseDegrees(lon)!, lat: parseDegrees(lat)! };
      expect(isInChina(p), `序号 ${n}`).toBe(true);
      expect(p.lon).toBeGreaterThan(120);
      expect(p.lat).toBeGreaterThan(29);
    }
    expect(parseDegrees('120°3′50.0″')).toBeCloseTo(120 + 3 / 60 + 50 / 3600, 9);
  });

  it('accepts every USCC, flagging only 序号 14 whose check character does not match', () => {
    const flagged = ROWS.filter(([, uscc]) => {
      const r = checkUscc(uscc);
      expect(r.ok).toBe(true);
      return r.ok && !r.checkMatches;
    }).map(([n]) => n);
    expect(flagged).toEqual([14]);
  });
});
