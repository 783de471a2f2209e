import { describe, expect, it } from 'vitest';
import { enroll } from '../../electron/services/sync/enroll';
import { signWith } from '../../electron/services/sync/device-key';
import { readSyncState } from '../../electron/store/sync-state';
import { FIRST_LOCK_MS } from '../../hub/services/signin-throttle';
import { addUser, SCRYPT } from '../../hub/services/users';
import { blankLaptop, PASSWORD, startHub, enrolledLaptop } from '../integration/sync-helpers';

const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(path, url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-qingshui-protocol': '1', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const signIn = (url: string, user: string, password: string) => post(url, '/v1/enroll', { user, password, deviceName: 'x', publicKey: 'MCowBQYDK2VwAyEA5GolTw6ws5DnOJiARbI2jzaKgvXQJTBYbdyMW4sUhF8=' });

describe('signing in to the hub cannot be guessed (sqlite)', () => {
  it('five wrong passwords lock the account for 15 minutes, the next lock doubles, and the lock is logged', async () => {
    const hub = await startHub();
    await enrolledLaptop(hub, 'li', { role: 'inspector' });
    for (let i = 0; i < 5; i++) expect((await signIn(hub.url, 'li', `guess-${i}-xx`)).status).toBe(401);
    const locked = await signIn(hub.url, 'li', PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/锁定.*15 分钟/);
    const until = async () => Date.parse((await hub.db.one<{ locked_until: string }>("SELECT locked_until FROM signin_throttle WHERE key = 'user:li'"))!.locked_until);
    expect(await until() - Date.now()).toBeGreaterThan(FIRST_LOCK_MS - 60_000);
    // Once it has run out, five more failures lock for twice as long.
    await hub.db.run("UPDATE signin_throttle SET locked_until = '2000-01-01T00:00:00Z'");
    for (let i = 0; i < 5; i++) await signIn(hub.url, 'li', `again-${i}-xx`);
    expect(await until() - Date.now()).toBeGreaterThan(2 * FIRST_LOCK_MS - 60_000);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(`${hub.dir}/hub.log`, 'utf8')).toContain('sign-in locked');
  }, 60_000);

  it('an unknown account, a wrong password and a disabled account get the same answer after the same work', async () => {
    const hub = await startHub();
    await enrolledLaptop(hub, 'li', { role: 'inspector' });
    await enrolledLaptop(hub, 'gone', { role: 'inspector' });
    await hub.db.run("UPDATE users SET disabled = 1 WHERE name = 'gone'");
    const answer = async (user: string, password: string) => {
      const t0 = performance.now();
      const r = await signIn(hub.url, user, password);
      return { status: r.status, body: await r.json(), ms: performance.now() - t0 };
    };
    await answer('warm', 'up-the-decoy'); // the decoy hash is made once
    const unknown = await answer('nobody', 'whatever-1');
    const wrong = await answer('li', 'whatever-1');
    const disabled = await answer('gone', PASSWORD);
    expect(unknown.body).toEqual(wrong.body);
    expect(disabled.body).toEqual(wrong.body);
    expect([unknown.status, wrong.status, disabled.status]).toEqual([401, 401, 401]);
    // A hash is computed every time: an unknown name answers no faster than a real one (within a wide margin).
    expect(unknown.ms).toBeGreaterThan(wrong.ms * 0.3);
  }, 60_000);

  it('stores scrypt parameters beside each hash (N ≥ 2^17) and upgrades an older hash at the next sign-in', async () => {
    const hub = await startHub();
    await addUser(hub.db, { name: 'old', role: 'inspector', towns: [], password: 'old-password-1' });
    expect((await hub.db.one<{ password: string }>("SELECT password FROM users WHERE name = 'old'"))!.password).toMatch(new RegExp(`^scrypt\\$${SCRYPT.N}\\$8\\$1\\$`));
    expect(SCRYPT.N).toBeGreaterThanOrEqual(2 ** 17);
    // An account from before: N = 2^14.
    const { scryptSync, randomBytes } = await import('node:crypto');
    const salt = randomBytes(16);
    const weak = `scrypt$16384$8$1$${salt.toString('base64')}$${scryptSync('old-password-1', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    await hub.db.run("UPDATE users SET password = $1 WHERE name = 'old'", [weak]);
    expect((await signIn(hub.url, 'old', 'old-password-1')).status).toBe(200);
    expect((await hub.db.one<{ password: string }>("SELECT password FROM users WHERE name = 'old'"))!.password).toMatch(/^scrypt\$131072\$/);
  }, 60_000);

  it('a signed challenge opens one session only, and a device’s enrolment state is told only to that device', async () => {
    const hub = await startHub();
    const wb = blankLaptop();
    await enroll(wb.store, hub.url, 'admin', PASSWORD);
    const s = readSyncState(wb.store.db);
    const { challenge } = (await (await fetch(new URL('/v1/challenge', hub.url))).json()) as { challenge: string };
    const body = { deviceId: s.deviceId, challenge, signature: signWith(s.privateKey!, challenge) };
    expect((await post(hub.url, '/v1/token', body)).status).toBe(200);
    const replay = await post(hub.url, '/v1/token', body);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { message: string }).message).toContain('已用过');
    // Anyone else asking after the device: refused; GET (the old unsigned way) is gone.
    expect((await fetch(new URL(`/v1/devices/${s.deviceId}/state`, hub.url))).status).toBe(404);
    const { challenge: c2 } = (await (await fetch(new URL('/v1/challenge', hub.url))).json()) as { challenge: string };
    expect((await post(hub.url, `/v1/devices/${s.deviceId}/state`, { challenge: c2, signature: 'AAAA' })).status).toBe(401);
    expect(await (await post(hub.url, `/v1/devices/${s.deviceId}/state`, { challenge: c2, signature: signWith(s.privateKey!, c2) })).json()).toEqual({ state: 'approved' });
  });

  it('a deeply nested or huge body is a 400/413 with a Chinese message, never a 500', async () => {
    const hub = await startHub();
    const deep = await post(hub.url, '/v1/enroll', `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(deep.status).toBe(400);
    expect(((await deep.json()) as { message: string }).message).toContain('嵌套');
    const huge = await post(hub.url, '/v1/enroll', JSON.stringify({ user: 'x', password: 'y'.repeat(7 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    const broken = await post(hub.url, '/v1/enroll', '{"user": ');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
