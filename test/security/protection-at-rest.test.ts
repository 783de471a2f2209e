import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupWorkspace, buildDemoWorkspace, initWorkspace, restoreWorkspace } from '../../electron/core/maintenance';
import { keyFromPassword } from '../../electron/core/unlock';
import { createWorkbench, workspaceFile, type Workbench } from '../../electron/core/workbench';
import { createWorkspaceHost, type WorkspaceHost } from '../../electron/core/workspace-host';
import type { Session } from '../../electron/services/context';
import { DEMO_PASSWORD, writeDemoAccounts } from '../../electron/services/demo/accounts';
import { generateDemo } from '../../electron/services/demo/generate';
import { keyFromRecoveryCode } from '../../electron/store/key-slots';
import { isPlainSqlite } from '../../electron/store/open';
import { tempDir } from '../integration/helpers';

/*
 * Protection at rest (issue 18), attacked as a thief with the laptop's disk would: every file of a data
 * folder read for what the workspace holds; the sidecar's slots tried with wrong secrets.
 */

const opened: { close(): void }[] = [];
afterEach(() => { for (const o of opened.splice(0)) { try { o.close(); } catch { /* closed */ } } delete process.env.QINGSHUI_UNLOCK; delete process.env.QINGSHUI_RECOVERY; });

function page(host: WorkspaceHost) {
  const session: Session = { personId: null };
  return { session, call: async (name: string, input: unknown = {}) => host.dispatch(name, input, session) };
}

/** Every file under a folder, with its bytes. */
function everyFile(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => {
    const path = join(d.parentPath, d.name);
    return { path, bytes: readFileSync(path) };
  });
}

/** What of `needles` any file under `dir` holds as UTF-8. */
function leaks(dir: string, needles: string[]): string[] {
  const files = everyFile(dir);
  return needles.filter((n) => files.some((f) => f.bytes.includes(Buffer.from(n))));
}

/** Names, phones and words the workspace holds (read through its key), to look for outside it. */
function secretsOf(wb: Workbench): string[] {
  const db = wb.store.db;
  const col = (sql: string) => db.prepare(sql).pluck().all() as string[];
  return [
    ...col('SELECT name FROM people WHERE deleted_at IS NULL LIMIT 10'),
    ...col('SELECT name FROM enterprises WHERE deleted_at IS NULL LIMIT 10'),
    ...col("SELECT phone FROM people WHERE phone <> '' LIMIT 5"),
    ...col("SELECT complainant_name FROM complaints WHERE complainant_name <> '' LIMIT 5"),
    ...col("SELECT complainant_phone FROM complaints WHERE complainant_phone <> '' LIMIT 5"),
  ].filter((s) => s && s.length >= 2);
}

describe('protection at rest (issue 18)', () => {
  it('a copied demo data folder reveals no name, phone or photo; nothing opens it without a password; files are the owner\'s only', async () => {
    const dir = tempDir();
    const summary = await buildDemoWorkspace(dir, { inspections: 30 });
    expect(summary.recoveryCode).toMatch(/^[2-9A-Z]{5}(-[2-9A-Z]{5}){4}$/);
    const file = workspaceFile(dir);
    expect(isPlainSqlite(file)).toBe(false);
    expect(() => createWorkbench({ dataDir: dir, create: false })).toThrow(/已加密/);
    expect(await keyFromPassword(file, { user: 'admin', password: 'Qingshui2025' })).toBeNull();
    expect(await keyFromPassword(file, { user: 'nobody', password: DEMO_PASSWORD })).toBeNull();
    const key = await keyFromPassword(file, { user: 'zhifa1', password: DEMO_PASSWORD });
    expect(key).not.toBeNull();
    const wb = createWorkbench({ dataDir: dir, create: false, key });
    opened.push(wb);
    const secrets = secretsOf(wb);
    expect(secrets.length).toBeGreaterThan(15);
    // A new record lands in the WAL: encrypted there too.
    const draft = { name: '泄密测试化工有限公司', creditCode: null };
    wb.store.db.prepare("INSERT INTO meta(key, value) VALUES ('probe', ?)").run(draft.name);
    wb.close();

    expect(leaks(dir, [...secrets, draft.name, '清水县', 'SQLite format 3'])).toEqual([]);
    const blobs = everyFile(join(dir, 'workspace.qingshui.blobs'));
    expect(blobs.length).toBeGreaterThan(10);
    for (const b of blobs) expect(b.bytes.subarray(0, 4).toString('latin1')).toBe('QSE2'); // no JPEG/PNG header readable
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const f of [file, `${file}.keys`]) expect(statSync(f).mode & 0o777).toBe(0o600);

    // A slot file tampered with (another account's wrapped key moved under zhifa1's id) opens nothing.
    const slots = JSON.parse(readFileSync(`${file}.keys`, 'utf8')) as { slots: { kind: string; wrapped: { tag: string } }[] };
    slots.slots[0].wrapped.tag = Buffer.alloc(16).toString('base64');
    writeFileSync(`${file}.keys`, JSON.stringify(slots));
    expect(await keyFromPassword(file, { user: 'admin', password: DEMO_PASSWORD })).toBeNull();
    // A slot file that is not one: refused in Chinese, nothing opened, nothing written.
    writeFileSync(`${file}.keys`, '{"format":"qingshui-keys-v1","slots":[{"kind":"account","id":1}]}');
    await expect(keyFromPassword(file, { user: 'admin', password: DEMO_PASSWORD })).rejects.toThrow(/工作区密钥文件.*已损坏/);
  }, 120_000);

  it('a workspace without a hub: setup encrypts it and shows a recovery code once; sealed, a page reads nothing; the code sets a new password; a wrong code or password is refused', async () => {
    const dir = tempDir();
    await initWorkspace(dir, { bureauName: '某县生态环境局', countyCode: '360701', countyName: '某县' });
    const host = createWorkspaceHost(createWorkbench({ dataDir: dir, create: false }));
    opened.push(host);
    const setup = await page(host).call('auth.setup', { user: 'chief', personName: '欧阳新', password: 'Ouyang2026x' });
    expect(setup).toMatchObject({ ok: true, value: { signedIn: true, protected: true, recoveryCode: expect.stringMatching(/^[2-9A-Z]{5}-/) } });
    const code = (setup as { value: { recoveryCode: string } }).value.recoveryCode;
    // the code is shown by that answer only
    expect(await page(host).call('auth.status')).toMatchObject({ ok: true, value: { recoveryCode: null } });
    const admin = page(host);
    await admin.call('auth.signIn', { user: 'chief', password: 'Ouyang2026x' });
    const people = await admin.call('people.list', {});
    const personId = (people as { value: { id: string }[] }).value[0].id;
    await admin.call('people.create', { name: '司马清', role: '局机关人员' });
    const clerk = ((await admin.call('people.list', {})) as { value: { id: string; name: string }[] }).value.find((p) => p.name === '司马清')!;
    expect(await admin.call('auth.createAccount', { user: 'clerk', personId: clerk.id, role: 'bureau', password: 'Clerk2026x' })).toMatchObject({ ok: true });
    expect(personId).toBeTruthy();
    host.close();
    expect(leaks(dir, ['欧阳新', '司马清', '某县生态环境局'])).toEqual([]);

    // Sealed: a page may only ask, sign in or recover.
    const sealed = createWorkspaceHost({ sealed: dir });
    opened.push(sealed);
    const p = page(sealed);
    expect(await p.call('auth.status')).toMatchObject({ ok: true, value: { sealed: true, protected: true, signedIn: false, hubJoined: false } });
    expect(await p.call('people.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: '请先登录' } });
    expect(sealed.refusal('ledgers.exports', p.session)).toMatchObject({ ok: false });
    expect(await p.call('auth.signIn', { user: 'clerk', password: 'Wrong2026x' })).toMatchObject({ ok: false, error: { message: '用户名或密码不对，或该账号已停用' } });
    expect(await p.call('auth.recover', { code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE', user: 'chief', newPassword: 'NewChief2026' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The bureau clerk's own password opens it (their slot was written when the account was made).
    expect(await p.call('auth.signIn', { user: 'clerk', password: 'Clerk2026x' })).toMatchObject({ ok: true, value: { signedIn: true, account: { name: 'clerk' } } });
    sealed.close();

    // Everyone forgot: the recovery code (typed in lower case, with spaces) sets the administrator's new password.
    const again = createWorkspaceHost({ sealed: dir });
    opened.push(again);
    const q = page(again);
    expect(await q.call('auth.recover', { code: code.toLowerCase().replace(/-/g, ' '), user: 'chief', newPassword: 'NewChief2026' })).toMatchObject({ ok: true, value: { signedIn: true, account: { name: 'chief', role: 'admin' } } });
    const log = (await q.call('audit.list', {})) as { value: { rows: { action: string }[] } };
    expect(log.value.rows.map((r) => r.action)).toContain('recovered');
    again.close();
    const file = workspaceFile(dir);
    expect(await keyFromPassword(file, { user: 'chief', password: 'Ouyang2026x' })).toBeNull();
    expect(await keyFromPassword(file, { user: 'chief', password: 'NewChief2026' })).not.toBeNull();
    expect(await keyFromRecoveryCode(file, 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE')).toBeNull();
  }, 120_000);

  it('a disabled account no longer opens the laptop; a workspace made before protection is encrypted at its next sign-in', async () => {
    const dir = tempDir();
    const b = createWorkbench({ dataDir: dir, actor: 'system' });
    generateDemo(b.store);
    await writeDemoAccounts(b.store); // accounts as session 11 left them: a plain file
    b.close();
    const file = workspaceFile(dir);
    expect(isPlainSqlite(file)).toBe(true);
    const host = createWorkspaceHost(createWorkbench({ dataDir: dir }));
    opened.push(host);
    const admin = page(host);
    expect(await admin.call('auth.signIn', { user: 'admin', password: DEMO_PASSWORD })).toMatchObject({ ok: true, value: { protected: true, recoveryCode: expect.any(String) } });
    expect(isPlainSqlite(file)).toBe(false);
    expect(await keyFromPassword(file, { user: 'zhifa2', password: DEMO_PASSWORD })).toBeNull(); // no slot until zhifa2 signs in
    expect(await page(host).call('auth.signIn', { user: 'zhifa2', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    expect(await keyFromPassword(file, { user: 'zhifa2', password: DEMO_PASSWORD })).not.toBeNull();
    expect(await admin.call('auth.updateAccount', { user: 'zhifa2', disabled: true })).toMatchObject({ ok: true });
    expect(await keyFromPassword(file, { user: 'zhifa2', password: DEMO_PASSWORD })).toBeNull();
    expect(await keyFromPassword(file, { user: 'admin', password: DEMO_PASSWORD })).not.toBeNull();
  }, 120_000);

  it('a workspace set aside before protection is encrypted with the data folder: the same accounts open it', async () => {
    // A plain workspace with its photos, set aside under workspaces/ (工作区切换) before protection existed.
    const old = tempDir();
    const o = createWorkbench({ dataDir: old, actor: 'system' });
    generateDemo(o.store);
    await writeDemoAccounts(o.store);
    const oldSecrets = secretsOf(o);
    o.close();
    const dir = tempDir();
    mkdirSync(join(dir, 'workspaces'));
    const aside = join(dir, 'workspaces', '2026-01-01T00-00-00-000Z.qingshui');
    renameSync(workspaceFile(old), aside);
    const b = createWorkbench({ dataDir: dir, actor: 'system' });
    generateDemo(b.store, { seed: 7 });
    await writeDemoAccounts(b.store);
    b.close();
    expect(isPlainSqlite(aside)).toBe(true);
    expect(leaks(dir, oldSecrets).length).toBeGreaterThan(0);

    const host = createWorkspaceHost(createWorkbench({ dataDir: dir }));
    opened.push(host);
    const admin = page(host);
    expect(await admin.call('auth.signIn', { user: 'admin', password: DEMO_PASSWORD })).toMatchObject({ ok: true, value: { protected: true } });
    expect(isPlainSqlite(aside)).toBe(false);
    expect(leaks(dir, oldSecrets)).toEqual([]);
    // Opened again: sealed until one of the data folder's accounts signs in; then it reads as before.
    expect(await admin.call('workspaces.open', { file: 'workspaces/2026-01-01T00-00-00-000Z.qingshui' })).toMatchObject({ ok: true });
    expect(await page(host).call('auth.status')).toMatchObject({ ok: true, value: { sealed: true } });
    const again = page(host);
    expect(await again.call('auth.signIn', { user: 'zhifa1', password: DEMO_PASSWORD })).toMatchObject({ ok: false });
    expect(await again.call('auth.signIn', { user: 'admin', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    const names = (await again.call('enterprises.list', { limit: 5 })) as { ok: true; value: { rows: { name: string }[] } };
    expect(names.value.rows.length).toBe(5);
  }, 120_000);

  it('a backup is encrypted with its slots beside it; restore asks for a password or the recovery code and refuses a wrong one', async () => {
    const dir = tempDir();
    const summary = await buildDemoWorkspace(dir, { inspections: 10 });
    const out = join(tempDir(), 'backup.qingshui');
    await expect(backupWorkspace(dir, out)).rejects.toThrow(/QINGSHUI_UNLOCK/);
    process.env.QINGSHUI_UNLOCK = `juzhang:${DEMO_PASSWORD}`;
    await backupWorkspace(dir, out);
    const key = await keyFromPassword(workspaceFile(dir), { user: 'admin', password: DEMO_PASSWORD });
    const wb = createWorkbench({ dataDir: dir, create: false, key });
    const secrets = secretsOf(wb);
    wb.close();
    expect(leaks(join(out, '..'), secrets)).toEqual([]);
    delete process.env.QINGSHUI_UNLOCK;

    const target = tempDir();
    process.env.QINGSHUI_RECOVERY = 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE';
    await expect(restoreWorkspace(target, out)).rejects.toThrow('恢复码不对，备份未恢复');
    expect(readdirSync(target)).toEqual([]);
    process.env.QINGSHUI_RECOVERY = summary.recoveryCode!;
    await restoreWorkspace(target, out);
    delete process.env.QINGSHUI_RECOVERY;
    const restoredKey = await keyFromPassword(workspaceFile(target), { user: 'zhifa1', password: DEMO_PASSWORD });
    const restored = createWorkbench({ dataDir: target, create: false, key: restoredKey });
    opened.push(restored);
    expect((await restored.call('workspace.stats', {})).enterprises).toBe(summary.enterprises);
    expect((await restored.call('workspace.verify', {})).problems).toEqual([]);
  }, 120_000);
});
