import { describe, expect, it } from 'vitest';
import { byteRange } from '../../../electron/core/stored-file';

describe('byte ranges of a stored file (RFC 9110 §14)', () => {
  it('answers one range, a suffix or an open end', () => {
    expect(byteRange('bytes=0-3', 10)).toEqual([0, 3]);
    expect(byteRange('bytes=5-', 10)).toEqual([5, 9]);
    expect(byteRange('bytes=-4', 10)).toEqual([6, 9]);
    expect(byteRange('bytes=8-100', 10)).toEqual([8, 9]);
  });
  it('ignores what is not one valid range (the whole file), and refuses a start past the end', () => {
    expect(byteRange('bytes=5-3', 10)).toBeNull();
    expect(byteRange('bytes=0-1,4-5', 10)).toBeNull();
    expect(byteRange('items=0-1', 10)).toBeNull();
    expect(byteRange('bytes=-5', 0)).toBeNull();
    expect(byteRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 10)).toBe('unsatisfiable');
  });
});
