import { existsSync, statSync } from 'node:fs';
import type { BasemapInfo } from '../../../shared/api/map';
import { DomainError } from '../../../shared/api/result';
import { openTilePackageFile } from '../../store/tile-package';

export type Mbtiles = { info: BasemapInfo; tile(z: number, x: number, y: number): Buffer | null; close(): void };

const MIME = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' } as const;
export const tileMime = (format: BasemapInfo['format']) => MIME[format];

/** The image format of a tile's bytes. */
function sniff(bytes: Buffer): BasemapInfo['format'] | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

/**
 * Opens a raster tile package (MBTiles 1.3: an SQLite file with `metadata` and `tiles`) read-only and
 * checks it: raster PNG/JPEG/WebP only, rows in TMS order (the spec) or XYZ when the metadata says so.
 * Anything else is refused with what it is.
 */
export function openMbtiles(path: string): Mbtiles {
  if (!existsSync(path) || !statSync(path).isFile()) throw new DomainError('not_found', `找不到瓦片包文件“${path}”`);
  const file = openTilePackageFile(path);
  if (file === 'not-sqlite') throw new DomainError('invalid', `“${path}”不是 MBTiles 瓦片包（不是 SQLite 文件）`);
  if (file === 'no-tables') throw new DomainError('invalid', `“${path}”不是 MBTiles 瓦片包（缺少 metadata 或 tiles 表）`);
  try {
    const meta = file.metadata;
    const first = file.firstTile;
    if (!first) throw new DomainError('invalid', `瓦片包“${path}”中没有瓦片`);
    const declared = (meta.format ?? '').toLowerCase().replace('jpeg', 'jpg');
    if (declared === 'pbf' || declared === 'mvt') throw new DomainError('invalid', '这是矢量瓦片包（pbf），本程序只使用栅格瓦片（PNG/JPEG/WebP），请导出栅格瓦片包');
    const format = sniff(first);
    if (!format) throw new DomainError('invalid', `瓦片包的瓦片不是 PNG、JPEG 或 WebP 图像${declared ? `（元数据声明为 ${declared}）` : ''}`);
    if (declared && declared !== format) throw new DomainError('invalid', `瓦片包元数据声明格式为 ${declared}，但瓦片实际是 ${format}，请重新导出`);
    const scheme = (meta.scheme ?? 'tms').toLowerCase();
    if (scheme !== 'tms' && scheme !== 'xyz') throw new DomainError('invalid', `瓦片包的切片方案“${meta.scheme}”无法识别（应为 TMS 或 XYZ）`);
    const zooms = file.zooms();
    const b = (meta.bounds ?? '').split(',').map(Number);
    const info: BasemapInfo = {
      path, name: meta.name ?? path.split(/[\\/]/).pop()!, format, scheme: scheme as BasemapInfo['scheme'],
      minzoom: Number(meta.minzoom ?? zooms.lo), maxzoom: Number(meta.maxzoom ?? zooms.hi), tiles: zooms.n,
      bounds: b.length === 4 && b.every(Number.isFinite) ? [b[0], b[1], b[2], b[3]] : null,
    };
    const get = file.tileReader();
    return {
      info,
      // XYZ rows count from the top; the MBTiles spec (TMS) counts from the bottom.
      tile: (z, x, y) => get(z, x, info.scheme === 'tms' ? (1 << z) - 1 - y : y) ?? null,
      close: () => file.close(),
    };
  } catch (e) {
    file.close();
    throw e;
  }
}
