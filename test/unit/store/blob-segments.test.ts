import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encryptSegmented, openBlobReader, SEGMENT_BYTES } from '../../../electron/store/blob-segments';

/*
 * The segmented at-rest format (issue 19) attacked as someone with the disk would: a byte changed, two
 * segments swapped, the file cut at a segment boundary, the file moved under another blob's name.
 */

const key = randomBytes(32);
const name = 'a'.repeat(64);

function stored(plain: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'qs-seg-')), name);
  writeFileSync(path, encryptSegmented(key, plain, name));
  return path;
}

const readAll = (path: string, as = name, k: Buffer | null = key) => {
  const r = openBlobReader(path, as, k ?? undefined);
  if (!r) return null;
  try { return r.read(0, r.size); } finally { r.close(); }
};

describe('blob segments', () => {
  const plain = randomBytes(3 * SEGMENT_BYTES + 777);

  it('reads back whole and by any range; an empty file too', () => {
    const path = stored(plain);
    expect(readAll(path)!.equals(plain)).toBe(true);
    const r = openBlobReader(path, name, key)!;
    expect(r.size).toBe(plain.length);
    for (const [a, n] of [[0, 1], [SEGMENT_BYTES - 3, 10], [2 * SEGMENT_BYTES, SEGMENT_BYTES], [plain.length - 5, 100]]) {
      expect(r.read(a, n).equals(plain.subarray(a, a + n))).toBe(true);
    }
    r.close();
    expect(readAll(stored(Buffer.alloc(0)))!.length).toBe(0);
    expect(readAll(stored(Buffer.alloc(SEGMENT_BYTES, 7)))!.equals(Buffer.alloc(SEGMENT_BYTES, 7))).toBe(true);
  });

  it('does not open without the key or under another name', () => {
    const path = stored(plain);
    expect(readAll(path, name, null)).toBeNull();
    expect(() => readAll(path, 'b'.repeat(64))).toThrow();
  });

  it('finds a changed byte in the segment that holds it, and only there', () => {
    const path = stored(plain);
    const bytes = readFileSync(path);
    bytes[12 + (SEGMENT_BYTES + 16) + 100] ^= 1; // inside segment 1
    writeFileSync(path, bytes);
    const r = openBlobReader(path, name, key)!;
    expect(r.read(0, 100).equals(plain.subarray(0, 100))).toBe(true);
    expect(() => r.read(SEGMENT_BYTES + 50, 10)).toThrow();
    r.close();
  });

  it('finds segments swapped, and a file cut at a segment boundary', () => {
    const path = stored(plain);
    const bytes = readFileSync(path);
    const seg = SEGMENT_BYTES + 16;
    const swapped = Buffer.concat([bytes.subarray(0, 12), bytes.subarray(12 + seg, 12 + 2 * seg), bytes.subarray(12, 12 + seg), bytes.subarray(12 + 2 * seg)]);
    writeFileSync(path, swapped);
    expect(() => readAll(path)).toThrow();
    writeFileSync(path, bytes.subarray(0, 12 + 2 * seg));
    expect(() => readAll(path)).toThrow();
  });
});
