import { setAuditSentSeq } from '../../store/audit-log';
import { hostname } from 'node:os';
import { DomainError } from '../../../shared/api/result';
import { enrollResponseSchema, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import type { Store } from '../../store/store';
import { deviceSigner } from '../../store/record-signing';
import { connectionProblem } from './connection-problem';
import { HubClient, type FetchLike } from './hub-client';
import { isPlainRemote } from '../../../shared/sync/loopback';
import { hubCertificate, normalFingerprint, type HubCertificate } from './pinned-fetch';
import { readSyncState, writeSyncState } from '../../store/sync-state';

export type EnrollResult = { deviceId: string; node: string; state: 'pending' | 'approved'; role: string; towns: string[]; fingerprint: string | null; trusted: boolean };

export type EnrollOptions = { deviceName?: string; fetch?: FetchLike; fingerprint?: string; insecure?: boolean };

/**
 * Enrols this workspace with a hub (DESIGN §8): the device's Ed25519 key (the one its records are signed with), the node id the hub assigns (this
 * laptop's unsent changes are renumbered under it), and — for a re-enrolment after a restore or a
 * clone — a fresh identity while keeping the cursor, so the hub's copy of what was lost comes back.
 */
export async function enroll(store: Store, hubUrl: string, user: string, password: string, opts: EnrollOptions = {}): Promise<EnrollResult> {
  let url: URL;
  try { url = new URL(hubUrl); } catch { throw new DomainError('invalid', `同步中心地址不对：“${hubUrl}”，应如 http://192.168.1.10:7300`); }
  if (!/^https?:$/.test(url.protocol)) throw new DomainError('invalid', '同步中心地址应以 http:// 或 https:// 开头');
  if (isPlainRemote(url.toString()) && !opts.insecure) {
    throw new DomainError('invalid', `同步中心地址是不加密的 http://（${url.host}）：账号密码和执法记录会以明文经过网络。请改用 https://；确在可信内网中使用时，须明确选择“允许不加密连接”（命令行 --insecure）`);
  }
  // Over HTTPS the hub's certificate is read before anything is sent: given up front (--fingerprint) it
  // must match; otherwise it is shown to be checked with the hub's admin, and pinned.
  let cert: HubCertificate | null = null;
  if (url.protocol === 'https:') {
    try { cert = await hubCertificate(url); } catch (e) { throw new DomainError('internal', `连不上同步中心 ${url.host}：${connectionProblem(e)}`); }
    const want = opts.fingerprint === undefined ? null : normalFingerprint(opts.fingerprint);
    if (opts.fingerprint !== undefined && !want) throw new DomainError('invalid', '证书指纹应为 64 位十六进制（SHA-256，可带冒号）');
    if (want && want !== cert.fingerprint) throw new DomainError('forbidden', `同步中心出示的证书指纹 ${cert.fingerprint} 与给定的 ${want} 不符：可能有人冒充同步中心，未登记`);
  }
  // The device enrolls with the key its records are signed with, so the hub knows every record's signer
  // (a clone holds the original's key in its copy anyway: a new key would add nothing but unknown signatures).
  const key = deviceSigner(store.db);
  const client = HubClient.of(url.toString(), cert?.fingerprint ?? null, opts.fetch);
  const raw = await client.request('POST', '/v1/enroll', { user, password, deviceName: opts.deviceName ?? `${hostname()}（${store.file.split(/[\\/]/).pop()}）`, publicKey: key.publicKey, protocol: PROTOCOL_VERSION });
  const r = enrollResponseSchema.parse(raw);
  const before = readSyncState(store.db);
  if (before.hubId && before.hubId !== r.hubId) writeSyncState(store.db, { cursor: 0, snapshot: null, snapshotDone: false });
  store.transaction(() => {
    store.renameNode(r.node);
    writeSyncState(store.db, {
      hubEpoch: null, // a new enrolment follows its hub's epoch from its first sync
      hubUrl: url.toString(), hubFingerprint: cert?.fingerprint ?? null, hubId: r.hubId, hubKey: r.hubKey, deviceId: r.deviceId, privateKey: key.privateKey, user,
      role: r.role, towns: r.towns, enrollState: r.state, sealSecret: null, // a new device: the hub gives it a secret of its own
    });
    // A new device at the hub: its copy of this laptop's audit log starts again from the first entry.
    setAuditSentSeq(store.db, 0);
  });
  return { deviceId: r.deviceId, node: r.node, state: r.state, role: r.role, towns: r.towns, fingerprint: cert?.fingerprint ?? null, trusted: cert?.trusted ?? false };
}
