import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { HubRefusal } from './hub-error';
import { isLoopbackHost } from '../../shared/sync/loopback';

export type HubTls = { cert: string; key: string; fingerprint: string; selfSigned: boolean };

function fingerprintOf(cert: string): string {
  return new X509Certificate(cert).fingerprint256;
}

/**
 * The hub's HTTPS certificate: the bureau's own (`--cert`/`--key`), or — for a hub listening beyond
 * this machine with none given — a self-signed one made on first start and kept in `DIR/tls/`
 * (key 0600), whose SHA-256 fingerprint the laptops pin at enrolment. Null: plain http on loopback.
 */
export async function hubTls(dir: string, host: string, certFile?: string, keyFile?: string): Promise<HubTls | null> {
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new HubRefusal(400, 'invalid', '--cert 与 --key 须同时给出（证书文件与其私钥文件，PEM 格式）');
    for (const f of [certFile, keyFile]) if (!existsSync(f)) throw new HubRefusal(404, 'not_found', `文件“${f}”不存在`);
    const cert = readFileSync(certFile, 'utf8');
    try { return { cert, key: readFileSync(keyFile, 'utf8'), fingerprint: fingerprintOf(cert), selfSigned: false }; } catch (e) {
      throw new HubRefusal(400, 'invalid', `证书“${certFile}”无法读取（应为 PEM 格式）：${(e as Error).message}`);
    }
  }
  if (isLoopbackHost(host)) return null;
  const folder = join(dir, 'tls');
  const certPath = join(folder, 'hub-cert.pem');
  const keyPath = join(folder, 'hub-key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const notAfter = new Date();
    notAfter.setFullYear(notAfter.getFullYear() + 10);
    const pems = await generate([{ name: 'commonName', value: `qingshui-hub ${host}` }, { name: 'organizationName', value: '清水同步中心' }], {
      keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notAfterDate: notAfter,
      extensions: [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: [/^[\d.]+$/.test(host) ? { type: 7, ip: host } : { type: 2, value: host }] }],
    });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    chmodSync(keyPath, 0o600);
    writeFileSync(certPath, pems.cert, { mode: 0o644 });
  }
  const cert = readFileSync(certPath, 'utf8');
  return { cert, key: readFileSync(keyPath, 'utf8'), fingerprint: fingerprintOf(cert), selfSigned: true };
}
