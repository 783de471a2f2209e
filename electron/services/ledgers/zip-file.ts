import { Unzip, UnzipInflate } from 'fflate';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { DomainError } from '../../../shared/api/result';

/*
 * A zip (an .xlsx) read from disk without holding it (issue 20: import never holds the whole file).
 * Its central directory is read from the file's tail (APPNOTE 4.3.16 end of central directory, 4.3.14–15
 * its ZIP64 form, 4.3.12 the entries, 4.5.3 the ZIP64 extra field), so what each part would unpack to
 * is known before anything is inflated; its parts are then inflated as the file is read 64 KiB at a
 * time. fflate's `unzipSync` wants the whole archive in memory, hence this reader of the tail.
 */

export type ZipEntry = { name: string; size: number; originalSize: number };

const SLICE = 64 * 1024;
const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** The most a central directory may take (10,000 parts with long names stay far below). */
const MAX_DIRECTORY = 16 * 1024 * 1024;

function readAt(fd: number, at: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, at + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** A zip on disk with its central directory, read once: every stream of its parts goes by it. */
export type ZipFile = { path: string; entries: ZipEntry[]; declared: Map<string, number> };

/** Opens a zip by its central directory; null when the file is not one. */
export function openZip(path: string): ZipFile | null {
  const entries = zipEntries(path);
  return entries ? { path, entries, declared: new Map(entries.map((e) => [e.name, e.originalSize])) } : null;
}

/** The archive's parts as its central directory lists them; null when the file is not a zip. */
function zipEntries(file: string): ZipEntry[] | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailAt = Math.max(0, size - (22 + 65_535 + 20));
    const tail = readAt(fd, tailAt, size - tailAt);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { end = i; break; }
    if (end < 0) return null;
    let count = tail.readUInt16LE(end + 10);
    let dirSize = tail.readUInt32LE(end + 12);
    let dirAt = tail.readUInt32LE(end + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirAt === 0xffffffff) {
      if (end < 20 || tail.readUInt32LE(end - 20) !== ZIP64_LOCATOR) return null;
      const record = readAt(fd, Number(tail.readBigUInt64LE(end - 20 + 8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) return null;
      count = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirAt = Number(record.readBigUInt64LE(48));
    }
    if (dirSize > MAX_DIRECTORY || dirAt + dirSize > size) return null;
    const dir = readAt(fd, dirAt, dirSize);
    const entries: ZipEntry[] = [];
    for (let at = 0; entries.length < count && at + 46 <= dir.length;) {
      if (dir.readUInt32LE(at) !== CENTRAL) return null;
      let packed = dir.readUInt32LE(at + 20);
      let unpacked = dir.readUInt32LE(at + 24);
      const nameLength = dir.readUInt16LE(at + 28);
      const extraLength = dir.readUInt16LE(at + 30);
      const commentLength = dir.readUInt16LE(at + 32);
      const name = dir.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      // ZIP64: the sizes that did not fit 32 bits follow, in this order, in the extra field 0x0001.
      for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
        const id = dir.readUInt16LE(x);
        const length = dir.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let f = x + 4;
          if (unpacked === 0xffffffff && f + 8 <= x + 4 + length) { unpacked = Number(dir.readBigUInt64LE(f)); f += 8; }
          if (packed === 0xffffffff && f + 8 <= x + 4 + length) packed = Number(dir.readBigUInt64LE(f));
        }
        x += 4 + length;
      }
      entries.push({ name, size: packed, originalSize: unpacked });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries.length ? entries : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

class Done extends Error {}

type OnText = (name: string, text: string, final: boolean) => void;

/** An inflater fed from the file, slice by slice: `step` reads the next one (false once the file is read or `until` says enough). */
function partReader(zip: ZipFile, wanted: (name: string) => boolean, onText: OnText, until?: () => boolean) {
  let found = 0;
  // The local headers the inflater reads may say otherwise than the central directory the limits were
  // checked against: a part not in the directory is not read, and one inflating past its declared size is refused.
  const { declared, path: file } = zip;
  const uz = new Unzip((part) => {
    if (!wanted(part.name) || !declared.has(part.name)) return;
    found++;
    const decoder = new TextDecoder();
    const limit = declared.get(part.name)!;
    let inflated = 0;
    part.ondata = (err, chunk, final) => {
      if (err) throw err;
      inflated += chunk.length;
      if (inflated > limit) throw new DomainError('invalid', `“${file}”的部件 ${part.name} 解压后超过其声明的大小（疑似压缩炸弹或已损坏），已拒绝`);
      onText(part.name, decoder.decode(chunk, { stream: !final }), final);
      if (final && until?.()) throw new Done();
    };
    part.start();
  });
  uz.register(UnzipInflate);
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  let at = 0;
  return {
    get found() { return found; },
    step(): boolean {
      if (at >= size) return false;
      try {
        uz.push(readAt(fd, at, Math.min(SLICE, size - at)), at + SLICE >= size);
      } catch (e) {
        if (e instanceof Done) { at = size; return false; }
        throw e;
      }
      at += SLICE;
      return at < size;
    },
    close(): void { closeSync(fd); },
  };
}

/**
 * Streams the parts that `wanted` picks through `onText` as decoded text, in pieces: the file is read
 * and fed to the inflater 64 KiB at a time (`onText` may throw to stop; `final` marks a part's last
 * piece). Reading stops once `until` says every wanted part is read. Returns how many parts it read.
 */
export function streamParts(zip: ZipFile, wanted: (name: string) => boolean, onText: OnText, until?: () => boolean): number {
  const reader = partReader(zip, wanted, onText, until);
  try {
    while (reader.step());
    return reader.found;
  } finally {
    reader.close();
  }
}

/** As `streamParts`, letting other work run after every 1 MiB of the file (a long import keeps the program answering). */
export async function streamPartsAsync(zip: ZipFile, wanted: (name: string) => boolean, onText: OnText, until?: () => boolean): Promise<number> {
  const reader = partReader(zip, wanted, onText, until);
  try {
    for (let n = 1; reader.step(); n++) if (n % 16 === 0) await new Promise((ok) => setImmediate(ok));
    return reader.found;
  } finally {
    reader.close();
  }
}

/** Small parts (the workbook, its relations, the styles) as text, each up to `limit` bytes (absent or larger: left out). */
export function smallParts(zip: ZipFile, names: string[], limit = 32 * 1024 * 1024): Record<string, string> {
  const text: Record<string, string> = {};
  const done = new Set<string>();
  const over = new Set<string>();
  streamParts(zip, (n) => names.includes(n), (n, piece, final) => {
    if (!over.has(n)) { text[n] = (text[n] ?? '') + piece; if (text[n].length > limit) { over.add(n); delete text[n]; } }
    if (final) done.add(n);
  }, () => done.size === names.length);
  return text;
}
