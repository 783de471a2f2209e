import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream } from 'rotating-file-stream';

/*
 * The hub's log (issue 21): `hub.log` in its folder, rotated each day and whenever it passes a size,
 * the rotated files gzipped and deleted once older than the days kept. Six months at least: the
 * 网络安全法 第二十一条（三） has a network operator keep its network logs 不少于六个月; the audit
 * entries laptops send are kept in the database itself, without end.
 */

export const LOG_FILE = 'hub.log';
/** The fewest days a rotated log is kept (网络安全法 第二十一条: not less than six months). */
export const MIN_LOG_DAYS = 180;

export type LogOptions = { maxMb: number; keepDays: number };
export const DEFAULT_LOG: LogOptions = { maxMb: 50, keepDays: MIN_LOG_DAYS };

const pad = (n: number) => String(n).padStart(2, '0');
const ROTATED = /^hub-\d{8}-\d{6}-\d+\.log(\.gz)?$/;

/** Deletes rotated logs older than `keepDays`; returns how many. */
export function pruneLogs(dir: string, keepDays: number, now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!ROTATED.test(name)) continue;
    const file = join(dir, name);
    if (now - statSync(file).mtimeMs > keepDays * 86_400_000) { rmSync(file, { force: true }); removed++; }
  }
  return removed;
}

/** The hub's logger on its rotating file; `close` flushes it. */
export function hubLog(dir: string, opts: LogOptions = DEFAULT_LOG): { log: Logger; close(): Promise<void> } {
  const name = (time: number | Date | null, index?: number) => {
    if (!time) return LOG_FILE;
    const t = new Date(time);
    // rotating-file-stream gzips into the name given: the generator names the .gz.
    return `hub-${t.getFullYear()}${pad(t.getMonth() + 1)}${pad(t.getDate())}-${pad(t.getHours())}${pad(t.getMinutes())}${pad(t.getSeconds())}-${index ?? 1}.log.gz`;
  };
  const stream = createStream(name, { path: dir, size: `${opts.maxMb}M`, interval: '1d', compress: 'gzip', mode: 0o600 });
  stream.on('rotated', () => { try { pruneLogs(dir, opts.keepDays); } catch { /* the next rotation tries again */ } });
  // A log that cannot be written is no reason to stop serving: said on the console.
  stream.on('error', (e) => { console.error(`hub.log：${(e as Error).message}`); });
  pruneLogs(dir, opts.keepDays);
  const log = pino({ level: 'info', base: { service: 'qingshui-hub' } }, stream);
  return { log, close: () => new Promise((done) => { stream.end(() => done()); }) };
}
