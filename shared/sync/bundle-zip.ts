import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { BundleFile } from './bundle';

/**
 * A bundle opened from its central directory: the manifest and its signature only. Its other files
 * are inflated by `files`, called after the signature has been checked, and only when the central
 * directory lists exactly the files the signed manifest names, with their sizes — so nothing a forger
 * put in the zip is ever inflated, and a zip bomb is refused before any byte of it is.
 */
export type BundleParts = { manifest: Uint8Array; signature: string; files(listed: BundleFile[]): Map<string, Uint8Array> | string };

/** What a manifest or its signature may weigh (a manifest lists files; it does not hold them). */
const MAX_MANIFEST = 64 * 1024 * 1024;
const MAX_ENTRIES = 200_000;

/** Packs a bundle: the manifest, its signature and the files, stored (photos do not compress). */
export function packBundle(manifest: Uint8Array, signature: string, files: Map<string, Uint8Array>): Uint8Array {
  const zip: Zippable = { 'manifest.json': manifest, 'manifest.sig': new TextEncoder().encode(signature) };
  for (const [name, bytes] of files) zip[name] = bytes;
  return zipSync(zip, { level: 0 });
}

/** Opens a bundle from its central directory, or says in Chinese why it cannot be read. */
export function unpackBundle(bytes: Uint8Array): BundleParts | string {
  const directory = new Map<string, { size: number; originalSize: number; compression: number }>();
  let head: Record<string, Uint8Array>;
  try {
    head = unzipSync(bytes, {
      filter: (f) => {
        directory.set(f.name, { size: f.size, originalSize: f.originalSize, compression: f.compression });
        return (f.name === 'manifest.json' || f.name === 'manifest.sig') && f.compression === 0 && f.originalSize <= MAX_MANIFEST;
      },
    });
  } catch {
    return '同步包已损坏或不完整（无法解压），可能拷贝未完成；请重新导出';
  }
  if (directory.size > MAX_ENTRIES) return `同步包内有 ${directory.size} 个文件，超过上限 ${MAX_ENTRIES}，不是清水同步包`;
  // Bundles are stored, never compressed (photos do not shrink): a compressed entry is someone else's zip.
  for (const [name, e] of directory) {
    if (e.compression !== 0 || e.size !== e.originalSize) return `同步包内文件 ${name} 是压缩过的，不是清水同步包（可能是伪造的压缩炸弹），已拒收`;
  }
  const manifest = head['manifest.json'];
  const sig = head['manifest.sig'];
  if (!manifest || !sig) return '同步包缺少清单或签名，不是清水同步包';
  return {
    manifest, signature: new TextDecoder().decode(sig),
    files: (listed) => {
      const others = [...directory].filter(([n]) => n !== 'manifest.json' && n !== 'manifest.sig' && !n.endsWith('/'));
      if (others.length !== listed.length) return `同步包内文件数（${others.length}）与清单（${listed.length}）不符，已被改动`;
      const want = new Map(listed.map((f) => [f.name, f.size]));
      for (const [name, e] of others) if (want.get(name) !== e.originalSize) return `同步包内 ${name} 不在清单中或大小与清单不符，已被改动或损坏`;
      try {
        return new Map(Object.entries(unzipSync(bytes, { filter: (f) => want.has(f.name) })));
      } catch {
        return '同步包已损坏或不完整（无法解压），可能拷贝未完成；请重新导出';
      }
    },
  };
}

/** Checks every listed file is there with its size and hash (hashing by the caller's function), and nothing else is. */
export function checkBundleFiles(listed: BundleFile[], files: Map<string, Uint8Array>, sha256: (b: Uint8Array) => string): string | null {
  if (listed.length !== files.size) return `同步包内文件数（${files.size}）与清单（${listed.length}）不符，已被改动`;
  for (const f of listed) {
    const bytes = files.get(f.name);
    if (!bytes) return `同步包缺少文件 ${f.name}`;
    if (bytes.byteLength !== f.size || sha256(bytes) !== f.sha256) return `同步包内 ${f.name} 与清单的大小或哈希不符，已被改动或损坏`;
  }
  return null;
}
