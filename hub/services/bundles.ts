import { createPrivateKey, sign } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Change } from '../../shared/sync/change';
import { blobRefs } from '../../shared/sync/blob-refs';
import { BUNDLE_FORMAT, HISTORIES_FILE, REFERENCES_FILE, toHubChangesSchema, toHubManifestSchema, type BundleFile, type ToDeviceManifest } from '../../shared/sync/bundle';
import { checkBundleFiles, packBundle, unpackBundle } from '../../shared/sync/bundle-zip';
import { replaceBundleRequests } from '../db/bundle-requests';
import { lastNseqOf } from '../db/changes';
import { advanceCursorSeen, deviceById } from '../db/devices';
import type { HubDb } from '../db/hub-db';
import { heldOfNode } from '../db/quarantine';
import { authorOfDevice, signedBy } from './accounts';
import { evidenceTypeOf, HubBlobs } from './blobs';
import { currentBlobStore } from './blob-choice';
import { historiesForBundle } from './bundle-records';
import { sha256 } from './hash';
import { HubRefusal } from './hub-error';
import { hubKeys } from './keys';
import { currentEpoch } from './epoch';
import { pullPage, readerTowns } from './pull';
import { pushPage } from './push';
import { openedBundle, sealedForDevice } from './bundle-seal';

export type HubBundleImport = { deviceId: string; applied: number; duplicates: number; quarantined: number; blobs: number; summary: string };

/**
 * Imports a laptop's bundle: signature by the device's key, every file's hash, then its changes as one
 * push (idempotent; a bundle that would leave a gap is refused whole) and its blobs by hash.
 */
export async function importHubBundle(db: HubDb, dir: string, file: string): Promise<HubBundleImport> {
  const parts = unpackBundle(await openedBundle(db, readFileSync(file)));
  if (typeof parts === 'string') throw new HubRefusal(400, 'bundle', parts);
  const parsed = toHubManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(parts.manifest)));
  if (!parsed.success) throw new HubRefusal(400, 'bundle', '同步包清单格式不对（不是发往同步中心的清水同步包）');
  const m = parsed.data;
  const keys = await hubKeys(dir, db);
  if (m.hubId !== keys.hubId) throw new HubRefusal(400, 'bundle', `同步包是发往另一个同步中心（${m.hubId}）的`);
  const device = await deviceById(db, m.deviceId);
  if (!device) throw new HubRefusal(403, 'unknown_key', `同步包由未登记的设备（${m.deviceId}）签名，已拒收`);
  if (!signedBy(device, Buffer.from(parts.manifest), parts.signature)) throw new HubRefusal(403, 'signature', '同步包签名与登记的设备密钥不符，已被改动或伪造，已拒收');
  const who = await authorOfDevice(db, device.id);
  const files = parts.files(m.files);
  if (typeof files === 'string') throw new HubRefusal(400, 'bundle', files);
  const broken = checkBundleFiles(m.files, files, sha256);
  if (broken) throw new HubRefusal(400, 'bundle', broken);
  const changes = toHubChangesSchema.parse(JSON.parse(new TextDecoder().decode(files.get('changes.json')!))) as Change[];
  const blobs = new HubBlobs(await currentBlobStore(dir, db), db);
  // Every file's type is proven before any is kept: a bundle with one that is no evidence is refused whole.
  for (const f of m.files.filter((x) => x.name.startsWith('blobs/'))) evidenceTypeOf(f.name.slice(6), files.get(f.name)!);
  for (const f of m.files.filter((x) => x.name.startsWith('blobs/'))) await blobs.putWhole(f.name.slice(6), Buffer.from(files.get(f.name)!));
  const epoch = await currentEpoch(db);
  const { acks } = await db.tx(async (q) => {
    let r: Awaited<ReturnType<typeof pushPage>>;
    try {
      r = await pushPage(q, who, changes, m.lastNseq);
    } catch (e) {
      if (e instanceof HubRefusal && e.code === 'gap' && m.epoch && m.epoch.id !== epoch.id) {
        throw new HubRefusal(409, 'gap', `同步包生成于同步中心从备份恢复之前（第 ${m.epoch.n} 纪元，现为第 ${epoch.n} 纪元），缺少恢复后需要重新上传的变更：请先把同步中心为该设备导出的同步包导入那台电脑，再让它重新导出同步包`);
      }
      throw e;
    }
    // A cursor counted in another epoch's numbering is not this one's: the device's acknowledgement stays as it was.
    if (!m.epoch || m.epoch.id === epoch.id) await advanceCursorSeen(q, device.id, m.cursor, new Date().toISOString());
    // What the device lacks, in place of what its earlier bundle said (the next one says it again if still lacking).
    await replaceBundleRequests(q, device.id, m.missing);
    return r;
  });
  const count = (s: string) => acks.filter((a) => a.status === s).length;
  const r = { deviceId: device.id, applied: count('applied'), duplicates: count('duplicate'), quarantined: count('quarantined'), blobs: m.files.length - 1 };
  return { ...r, summary: `已导入设备 ${device.id}（${device.user}）的同步包：新变更 ${r.applied} 条，重复 ${r.duplicates} 条，隔离 ${r.quarantined} 条，文件 ${r.blobs} 个` };
}

export type HubBundleExport = { deviceId: string; changes: number; records: number; blobs: number; from: number; cursor: number; summary: string };

/** Writes the return bundle for one device: what it has not acknowledged and may see, its acknowledgements, the blobs those changes use. */
export async function exportHubBundle(db: HubDb, dir: string, deviceId: string, out: string): Promise<HubBundleExport> {
  const folder = dirname(resolve(out));
  if (!existsSync(folder)) throw new HubRefusal(404, 'not_found', `保存同步包的文件夹“${folder}”不存在：请先建好它，或换一个位置`);
  const who = await authorOfDevice(db, deviceId);
  const keys = await hubKeys(dir, db);
  const from = who.device.cursor;
  const changes = [];
  let after = from;
  for (;;) {
    const page = await pullPage(db, who, after);
    changes.push(...page.changes.filter((c) => c.node !== who.node));
    after = page.next;
    if (!page.more) break;
  }
  const ackNseq = await lastNseqOf(db, who.node);
  const quarantined = await heldOfNode(db, who.node);
  const files = new Map<string, Uint8Array>([['changes.json', new TextEncoder().encode(JSON.stringify(changes))]]);
  const listed: BundleFile[] = [];
  const { histories, references, asked } = await historiesForBundle(db, who, from, after);
  for (const [name, list] of [[HISTORIES_FILE, histories], [REFERENCES_FILE, references]] as const) {
    if (!list.length) continue;
    const bytes = new TextEncoder().encode(JSON.stringify(list));
    files.set(name, bytes);
    listed.push({ name, size: bytes.length, sha256: sha256(bytes) });
  }
  const records = new Set(histories.map((c) => `${c.entity}\u0000${c.entityId}`)).size;
  const blobs = new HubBlobs(await currentBlobStore(dir, db), db);
  // Built in memory: files past the bundle's share (a long recording) stay for a network sync, which moves them in chunks.
  let left = 512 * 1024 * 1024;
  for (const hash of new Set([...changes, ...histories].flatMap((c) => blobRefs(c.entity, c.fields)))) {
    const size = (await blobs.status(hash)).size;
    if (size > left) continue;
    left -= size;
    const bytes = await blobs.whole(hash);
    const st = bytes && await blobs.status(hash);
    if (bytes && st) { files.set(`blobs/${hash}`, bytes); listed.push({ name: `blobs/${hash}`, size: bytes.length, sha256: hash, mime: st.mime }); }
  }
  const cj = files.get('changes.json')!;
  const manifest: ToDeviceManifest = {
    format: BUNDLE_FORMAT, version: 1, direction: 'to-device', hubId: keys.hubId, deviceId, node: who.node, createdAt: new Date().toISOString(),
    from, cursor: after, ackNseq, epoch: await currentEpoch(db), quarantined: quarantined.map((x) => ({ cid: `${who.node}:${x.nseq}`, reason: x.reason })), towns: readerTowns(who),
    files: [{ name: 'changes.json', size: cj.length, sha256: sha256(cj) }, ...listed],
    asked: asked.map((k) => ({ entity: k.entity, id: k.id })),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  const key = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const zip = await sealedForDevice(db, { hubId: keys.hubId, deviceId }, packBundle(bytes, sign(null, bytes, key).toString('base64'), files));
  writeFileSync(`${out}.tmp`, zip);
  renameSync(`${out}.tmp`, out);
  const blobCount = listed.filter((f) => f.name.startsWith('blobs/')).length;
  return {
    deviceId, changes: changes.length, records, blobs: blobCount, from, cursor: after,
    summary: `已为设备 ${deviceId} 导出同步包 ${out}：变更 ${changes.length} 条（第 ${from + 1}–${after} 号）${records ? `，补全记录 ${records} 条（含其全部变更）` : ''}，文件 ${blobCount} 个，确认本机变更至第 ${ackNseq} 号`,
  };
}
