import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../electron/core/workbench';
import type { Session } from '../../electron/services/context';
import { syncNow } from '../../electron/services/sync';
import { hubSession } from '../../electron/services/sync/session';
import { updateUser } from '../../hub/services/users';
import { countyLaptop, PASSWORD, startHub } from '../integration/sync-helpers';

/** A page's session on a laptop. */
function page(wb: Workbench) {
  const session: Session = { personId: null };
  return { session, call: (name: string, input: unknown = {}) => wb.dispatch(name, input, session) };
}

for (const kind of ['sqlite', 'pg'] as const) {
  describe(`hub accounts on a laptop (${kind}, issue 18)`, () => {
    it('signs in at the hub the first time, offline after; a password changed or an account disabled at the hub takes effect at the next sync', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      expect(await page(a).call('auth.status')).toMatchObject({ ok: true, value: { hubJoined: true, noAccounts: true, needsSetup: false } });
      expect(await page(a).call('auth.setup', { user: 'x', personName: '某', password: 'Abcdefg123' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('请用同步中心账号登录') } });
      expect(await page(a).call('auth.signIn', { user: 'admin', password: 'wrong-pass-1' })).toMatchObject({ ok: false, error: { message: '用户名或密码不对，或该账号已停用' } });
      const first = page(a);
      expect(await first.call('auth.signIn', { user: 'admin', password: PASSWORD })).toMatchObject({ ok: true, value: { signedIn: true, account: { name: 'admin', role: 'admin', source: 'hub' } } });
      expect(await first.call('workspace.stats')).toMatchObject({ ok: true });

      // The hub is away: the verifier kept on the laptop signs the account in.
      await hub.close();
      expect(await page(a).call('auth.signIn', { user: 'admin', password: PASSWORD })).toMatchObject({ ok: true });
      expect(await page(a).call('auth.signIn', { user: 'nobody', password: PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringContaining('须联网到同步中心核对密码') } });
    });

    it('a new password at the hub retires the old one on the laptop after a sync; a disabled account is signed out and refused', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      const me = page(a);
      expect(await me.call('auth.signIn', { user: 'admin', password: PASSWORD })).toMatchObject({ ok: true });
      await updateUser(hub.db, 'admin', { password: 'brand-new-pass-2' });
      await syncNow(a.ctx);
      expect(await page(a).call('auth.signIn', { user: 'admin', password: PASSWORD })).toMatchObject({ ok: false, error: { message: '用户名或密码不对，或该账号已停用' } });
      expect(await page(a).call('auth.signIn', { user: 'admin', password: 'brand-new-pass-2' })).toMatchObject({ ok: true });

      await hub.db.run("INSERT INTO users (name, display, role, towns, password, disabled, created_at) SELECT 'li', 'li', 'inspector', '[]', password, 0, created_at FROM users WHERE name = 'admin'");
      const li = page(a);
      expect(await li.call('auth.signIn', { user: 'li', password: 'brand-new-pass-2' })).toMatchObject({ ok: true, value: { account: { role: 'inspector' } } });
      expect(await li.call('workspace.updateSettings', { contactPhone: '0797-1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await hub.db.run("UPDATE users SET disabled = 1 WHERE name = 'li'");
      await syncNow(a.ctx);
      expect(await li.call('enterprises.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(await page(a).call('auth.signIn', { user: 'li', password: 'brand-new-pass-2' })).toMatchObject({ ok: false });
    });

    it('nobody joins a joined laptop to another hub but an administrator; guesses from a laptop lock that laptop only; the hub answers only for accounts that signed in there', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      const rogue = { hubUrl: 'https://127.0.0.1:9/', user: 'evil', password: 'evil-pass-1' };
      expect(await page(a).call('sync.enroll', rogue)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      await hub.db.run("INSERT INTO users (name, display, role, towns, password, disabled, created_at) SELECT 'li', 'li', 'inspector', '[]', password, 0, created_at FROM users WHERE name = 'admin'");
      const li = page(a);
      expect(await li.call('auth.signIn', { user: 'li', password: PASSWORD })).toMatchObject({ ok: true });
      expect(await li.call('sync.enroll', rogue)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      // The hub says nothing of accounts that never signed in on this laptop.
      const client = await hubSession(a.store);
      expect(await client.request('POST', '/v1/accounts/state', { names: ['admin', 'li'] })).toMatchObject({ accounts: [{ name: 'li' }] });
      expect(((await client.request('POST', '/v1/accounts/state', { names: ['admin', 'li'] })) as { accounts: unknown[] }).accounts).toHaveLength(1);

      // Five wrong guesses for the admin from this laptop lock it here; a new laptop still enrols as admin.
      for (let i = 0; i < 5; i++) await page(a).call('auth.signIn', { user: 'admin', password: `guess-${i}-x` });
      expect(await page(a).call('auth.signIn', { user: 'admin', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'locked' } });
      await expect(countyLaptop(hub)).resolves.toBeTruthy();
    });

    it('the audit log reaches the hub chained per device; a laptop cannot send an entry that does not continue its chain', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      const me = page(a);
      await me.call('auth.signIn', { user: 'admin', password: PASSWORD });
      await me.call('audit.export');
      const r = await syncNow(a.ctx);
      expect(r.auditSent).toBeGreaterThanOrEqual(2);
      const kept = await hub.db.all<{ action: string; account: string }>('SELECT action, account FROM audit_entries ORDER BY seq');
      expect(kept.map((k) => k.action)).toEqual(expect.arrayContaining(['sign_in', 'export']));
      expect((await syncNow(a.ctx)).auditSent).toBe(0);

      // A crafted laptop sends an entry that does not follow what the hub holds, or whose hash lies.
      const client = await hubSession(a.store);
      const last = await hub.db.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1');
      const entry = { seq: Number(last!.seq) + 1, at: new Date().toISOString(), account: 'admin', personId: null, action: 'sign_in', entity: null, entityId: null, detail: '{}', prev: '1'.repeat(64), hash: '2'.repeat(64) };
      await expect(client.request('POST', '/v1/audit', { entries: [entry] })).rejects.toThrow(/衔接不上/);
      await expect(client.request('POST', '/v1/audit', { entries: [{ ...entry, prev: last!.hash }] })).rejects.toThrow(/哈希与其内容不符/);
      expect(Number((await hub.db.one<{ n: unknown }>('SELECT count(*) AS n FROM audit_entries WHERE seq = $1', [entry.seq]))!.n)).toBe(0);
    });
  });
}
