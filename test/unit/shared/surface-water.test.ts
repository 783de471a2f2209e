import { describe, expect, it } from 'vitest';
import { classOfItem, classOfSample } from '../../../shared/standards/surface-water';

describe('GB 3838-2002 表1: the class of a receiving water body or 断面', () => {
  it('holds each limit of the table: COD 15/15/20/30/40, 氨氮 0.15/0.5/1.0/1.5/2.0, 总磷 0.02/0.1/0.2/0.3/0.4 (湖库 0.01/0.025/0.05/0.1/0.2), 溶解氧 ≥ 7.5/6/5/3/2', () => {
    expect(classOfItem('cod', 15)).toBe('Ⅰ类');
    expect(classOfItem('cod', 20)).toBe('Ⅲ类');
    expect(classOfItem('cod', 40)).toBe('Ⅴ类');
    expect(classOfItem('cod', 40.1)).toBe('劣Ⅴ类');
    expect(classOfItem('nh3n', 1.0)).toBe('Ⅲ类');
    expect(classOfItem('tp', 0.2)).toBe('Ⅲ类');
    expect(classOfItem('tp', 0.2, true)).toBe('Ⅴ类');
    expect(classOfItem('do', 5)).toBe('Ⅲ类');
    expect(classOfItem('do', 1.9)).toBe('劣Ⅴ类');
    expect(classOfItem('tn', 1.2)).toBeNull();
    expect(classOfItem('tn', 1.2, true)).toBe('Ⅳ类');
  });

  it('a sample is the class of its worst item; pH outside 6–9 is 劣Ⅴ类', () => {
    expect(classOfSample({ cod: 14, nh3n: 0.9, tp: 0.12, do: 6.5 })).toBe('Ⅲ类');
    expect(classOfSample({ cod: 14, ph: 9.3 })).toBe('劣Ⅴ类');
    expect(classOfSample({})).toBeNull();
  });
});
