import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { BundleFile } from './bundle';

export type BundleParts = { manifest: Uint8Array; signature: string; files: Map<string, Uint8Array> };

/** Packs a bundle: the manifest, its signature and the files, stored (photos do not compress). */
export function packBundle(manifest: Uint8Array, signature: string, files: Map<string, Uint8Array>): Uint8Array {
  const zip: Zippable = { 'manifest.json': manifest, 'manifest.sig': new TextEncoder().encode(signature) };
  for (const [name, bytes] of files) zip[name] = bytes;
  return zipSync(zip, { level: 0 });
}

/** Unpacks a bundle, or says in Chinese why it cannot be read. */
export function unpackBundle(bytes: Uint8Array): BundleParts | string {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return '同步包已损坏或不完整（无法解压），可能拷贝未完成；请重新导出';
  }
  const manifest = entries['manifest.json'];
  const sig = entries['manifest.sig'];
  if (!manifest || !sig) return '同步包缺少清单或签名，不是清水同步包';
  const files = new Map(Object.entries(entries).filter(([n]) => n !== 'manifest.json' && n !== 'manifest.sig' && !n.endsWith('/')));
  return { manifest, signature: new TextDecoder().decode(sig), files };
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
