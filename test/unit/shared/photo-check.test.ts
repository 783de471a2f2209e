import { describe, expect, it } from 'vitest';
import { distanceKm, photoWarnings } from '../../../shared/inspection/photo-check';

const insp = { startedAt: '2026-11-20T09:30', endedAt: '2026-11-20T10:40', lon: 115.06, lat: 25.9 };

describe('photo against its inspection (issue 20)', () => {
  it('says nothing of a photo taken there and then', () => {
    expect(photoWarnings({ takenAt: '2026-11-20T10:05', lon: 115.061, lat: 25.901 }, insp)).toEqual([]);
    expect(photoWarnings({ takenAt: null, lon: null, lat: null }, insp)).toEqual([]);
  });
  it('flags a photo more than a day apart or more than 1 km away, with how far', () => {
    expect(photoWarnings({ takenAt: '2026-11-10T10:00', lon: null, lat: null }, insp)).toEqual(['拍摄时间（2026-11-10 10:00）与检查时间相差 10 天']);
    const far = photoWarnings({ takenAt: '2026-11-20T10:00', lon: 115.09, lat: 25.9 }, insp);
    expect(far).toHaveLength(1);
    expect(far[0]).toMatch(/^拍摄位置距检查地点 3\.0 km$/);
  });
  it('takes the bureau’s thresholds', () => {
    expect(photoWarnings({ takenAt: '2026-11-10T10:00', lon: 115.09, lat: 25.9 }, insp, { maxDistanceKm: 5, maxDaysApart: 15 })).toEqual([]);
  });
  it('measures great-circle distance', () => {
    expect(distanceKm({ lon: 116.3975, lat: 39.9087 }, { lon: 121.4737, lat: 31.2304 })).toBeCloseTo(1067, -1);
  });
});
