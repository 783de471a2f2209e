import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { takeExport } from '../../electron/core/files';
import type { Workbench } from '../../electron/core/workbench';
import { verifyEvidencePackage } from '../../electron/services/evidence/index';
import { syncNow } from '../../electron/services/sync';
import { sha256Of } from '../../electron/store/blob-store';
import { readSyncState } from '../../electron/store/sync-state';
import { keyFingerprint } from '../../electron/services/evidence/index';
import { recordSigningText } from '../../shared/inspection/record-signature';
import { generateKeyPairSync, sign } from 'node:crypto';
import { zipSync } from 'fflate';
import { tempDir } from '../integration/helpers';
import { DEMO_ENV } from '../integration/cli-env';
import { countyLaptop, startHub } from '../integration/sync-helpers';
import { BIN } from '../integration/web-helpers';

/*
 * Records signed by the people who made them (issue 18): the device's signature at 定稿 naming the
 * account, the hub's countersigned receipt fetched back, `verify` checking both, and an evidence
 * package any machine can check — each attacked as a forger holding the workspace would.
 */

/** A finalized record of the laptop (the newest). */
const newestRecord = (wb: Workbench) => wb.store.db.prepare('SELECT inspection_id FROM inspection_records ORDER BY rowid DESC LIMIT 1').pluck().get() as string;

/** What a forger with the database does: triggers dropped, the text altered and its hashes recomputed. */
function alterAndRehash(wb: Workbench, id: string): void {
  const db = wb.store.db;
  db.exec('DROP TRIGGER inspection_records_frozen; DROP TRIGGER inspections_frozen');
  const canonical = (db.prepare('SELECT canonical FROM inspection_records WHERE inspection_id = ?').pluck().get(id) as string).replace('"place":"', '"place":"伪造');
  const sha = sha256Of(canonical);
  db.prepare('UPDATE inspection_records SET canonical = ?, sha256 = ? WHERE inspection_id = ?').run(canonical, sha, id);
  db.prepare('UPDATE inspections SET sha256 = ? WHERE id = ?').run(sha, id);
}

async function evidenceFile(wb: Workbench, id: string): Promise<string> {
  const made = await wb.call('inspections.evidencePackage', { id });
  const out = join(tempDir(), 'evidence.zip');
  takeExport(wb, made.file.name, out);
  return out;
}

describe('records signed by the people who made them (issue 18)', () => {
  it('a record is signed at 定稿 naming the account, countersigned by the hub after a sync; one altered and re-hashed fails verify', async () => {
    const hub = await startHub('sqlite');
    const a = await countyLaptop(hub, 6);
    const before = await a.call('workspace.verify', {});
    expect(before).toMatchObject({ records: 6, signed: 6, countersigned: 0, problems: [] });
    const id = newestRecord(a);
    const view = await a.call('inspections.get', { id });
    expect(view.record).toMatchObject({ signer: '本机程序', signatureHolds: true, receipt: null });
    expect((await syncNow(a.ctx)).receipts).toBe(6);
    expect(await a.call('workspace.verify', {})).toMatchObject({ records: 6, signed: 6, countersigned: 6, problems: [] });
    expect((await a.call('inspections.get', { id })).record?.receipt).toMatchObject({ hubSeq: expect.any(Number), receivedAt: expect.any(String) });

    alterAndRehash(a, id);
    const after = await a.call('workspace.verify', {});
    const messages = after.problems.filter((p) => p.id === id).map((p) => p.message).join('\n');
    expect(messages).toContain('设备签名与其内容不符');
    expect(messages).toContain('与同步中心回执的哈希不符');
  });

  it('the hub refuses a pushed record whose device signature does not hold (a crafted laptop)', async () => {
    const hub = await startHub('sqlite');
    const a = await countyLaptop(hub, 2);
    // The change that carries the signed text, altered in the laptop's log before it is sent.
    const row = a.store.db.prepare("SELECT seq, fields FROM changes WHERE entity = 'inspection_record' ORDER BY seq DESC LIMIT 1").get() as { seq: number; fields: string };
    const fields = JSON.parse(row.fields) as Record<string, unknown>;
    const forged = String(fields.canonical).replace('"place":"', '"place":"伪造');
    a.store.db.prepare('UPDATE changes SET fields = ? WHERE seq = ?').run(JSON.stringify({ ...fields, canonical: forged, sha256: sha256Of(forged) }), row.seq);
    // The other: a valid signature by a key of the forger's own, naming the 局长.
    const other = a.store.db.prepare("SELECT seq, fields FROM changes WHERE entity = 'inspection_record' ORDER BY seq ASC LIMIT 1").get() as { seq: number; fields: string };
    const f2 = JSON.parse(other.fields) as Record<string, unknown>;
    const pair = generateKeyPairSync('ed25519');
    const text = recordSigningText({ sha256: String(f2.sha256), signer: 'juzhang', node: String(f2.node), chainSeq: Number(f2.chainSeq) });
    const resigned = { ...f2, signer: 'juzhang', signerKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), signature: sign(null, Buffer.from(text), pair.privateKey).toString('base64') };
    a.store.db.prepare('UPDATE changes SET fields = ? WHERE seq = ?').run(JSON.stringify(resigned), other.seq);
    const r = await syncNow(a.ctx);
    expect(r.quarantined).toBeGreaterThan(1);
    const held = (await hub.db.all<{ reason: string }>('SELECT reason FROM quarantine')).map((h) => h.reason);
    expect(held).toContain('定稿检查记录的设备签名与其内容不符（记录被改动后重算了哈希，或签名伪造），已拒收');
    expect(held).toContain('定稿检查记录不是用推送它的设备登记的密钥签署的，已拒收');
  });

  it('an evidence package checks on its own; one byte changed anywhere fails; the CLI exports and verifies it', async () => {
    const hub = await startHub('sqlite');
    const a = await countyLaptop(hub, 4);
    await syncNow(a.ctx);
    const id = newestRecord(a);
    const file = await evidenceFile(a, id);
    const good = verifyEvidencePackage(file);
    expect(good).toMatchObject({ ok: true, anchored: false, inspectionId: id, signature: { account: '本机程序', holds: true }, receipt: { holds: true }, problems: [] });
    // Anchored only against the hub key the bureau publishes; any other named key fails.
    const published = keyFingerprint(readSyncState(a.store.db).hubKey!);
    expect(verifyEvidencePackage(file, published)).toMatchObject({ ok: true, anchored: true });
    expect(verifyEvidencePackage(file, 'AB'.repeat(32))).toMatchObject({ ok: false, anchored: false });
    expect(good.files).toBeGreaterThan(0);
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    // A byte in a photo, in 说明.txt, in the record, in the receipt, and in the zip's own structure.
    const at = [text.indexOf('\xff\xd8\xff') + 200, bytes.indexOf(Buffer.from('检查对象')) + 3, text.indexOf('"finalizedAt"') + 16, text.indexOf('"hubSeq"') + 10, bytes.length - 30];
    for (const pos of at) {
      const copy = Buffer.from(bytes);
      copy[pos] ^= 0x01;
      const bad = join(tempDir(), 'bad.zip');
      writeFileSync(bad, copy);
      let r: ReturnType<typeof verifyEvidencePackage> | null = null;
      try { r = verifyEvidencePackage(bad); } catch (e) { expect((e as Error).message).toContain('证据包无法读取'); }
      if (r) expect(r.ok, `byte ${pos}`).toBe(false);
    }
    const cli = spawnSync(process.execPath, [BIN, 'evidence', 'verify', file, '--hub-key', published, '--json'], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, anchored: true, inspectionId: id });
    const plainCli = spawnSync(process.execPath, [BIN, 'evidence', 'verify', file], { encoding: 'utf8' });
    expect(plainCli.stdout).toContain(`须核对中心公钥指纹 ${published}`);
    const copy = Buffer.from(bytes);
    copy[at[0]] ^= 0x01;
    writeFileSync(join(tempDir(), 'x.zip'), copy);
    const badCli = spawnSync(process.execPath, [BIN, 'evidence', 'verify', file.replace('evidence.zip', 'nope.zip')], { encoding: 'utf8' });
    expect(badCli.status).not.toBe(0);
    // Not a zip at all, or a compressed one (someone else's, or a bomb): refused before anything is inflated.
    const junk = join(tempDir(), 'junk.zip');
    writeFileSync(junk, 'not a zip, just text');
    expect(() => verifyEvidencePackage(junk)).toThrow('证据包无法读取');
    writeFileSync(junk, zipSync({ 'record.json': [new Uint8Array(1024 * 1024).fill(32), { level: 9 }] }));
    expect(() => verifyEvidencePackage(junk)).toThrow('证据包无法读取');
  });

  it('the CLI exports the evidence package of an encrypted demo record; a wrong account cannot', () => {
    const dir = join(tempDir(), 'ws');
    expect(spawnSync(process.execPath, [BIN, 'demo', '--data', dir, '--inspections', '3'], { encoding: 'utf8' }).status).toBe(0);
    const out = join(tempDir(), 'pkg.zip');
    const list = spawnSync(process.execPath, [BIN, 'verify', '--data', dir, '--json'], { encoding: 'utf8', env: DEMO_ENV });
    expect(JSON.parse(list.stdout)).toMatchObject({ ok: true, records: 3, signed: 3 });
    const id = JSON.parse(spawnSync(process.execPath, [BIN, 'findings', '--data', dir, '--json'], { encoding: 'utf8', env: DEMO_ENV }).stdout).rows
      .find((f: { sourceKind: string }) => f.sourceKind === 'inspection')?.sourceId as string | undefined;
    expect(id).toBeTruthy();
    const town = spawnSync(process.execPath, [BIN, 'evidence', 'export', id!, '--data', dir, '--out', out], { encoding: 'utf8', env: { ...DEMO_ENV, QINGSHUI_UNLOCK: 'zhenjie1:Qingshui2026' } });
    expect(town.status).not.toBe(0);
    expect(town.stderr).toContain('只有该笔录的执法人员、管理员和局机关人员可以导出');
    const made = spawnSync(process.execPath, [BIN, 'evidence', 'export', id!, '--data', dir, '--out', out, '--json'], { encoding: 'utf8', env: DEMO_ENV });
    expect(made.status, made.stderr).toBe(0);
    expect(JSON.parse(made.stdout)).toMatchObject({ signed: true, countersigned: false });
    const checked = spawnSync(process.execPath, [BIN, 'evidence', 'verify', out], { encoding: 'utf8' });
    expect(checked.status, checked.stdout).toBe(0);
    expect(checked.stdout).toContain('证据包自身一致');
  }, 120_000);
});
