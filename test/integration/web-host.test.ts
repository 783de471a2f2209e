import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { BIN, rpc, startHost } from './web-helpers';
import { DEMO_ENV } from './cli-env';

describe('the browser host', () => {
  it('prints its URL with a token first, binds to 127.0.0.1, and builds the demo when no workspace exists', async () => {
    const { url, token } = await startHost(join(tempDir(), 'fresh'));
    expect(url.hostname).toBe('127.0.0.1');
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const r = await (await rpc(url, 'workspace.stats', {}, token)).json();
    expect(r).toMatchObject({ ok: true, value: { enterprises: 400 } });
  });

  it('holds its data folder: a second host and a restore are refused while it runs', async () => {
    const dir = join(tempDir(), 'ws');
    await startHost(dir);
    const { spawnSync } = await import('node:child_process');
    const second = spawnSync(process.execPath, [BIN, 'web', '--data', dir, '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain('正由另一个清水程序使用');
    const restore = spawnSync(process.execPath, [BIN, 'restore', '--data', dir, '--from', join(dir, 'workspace.qingshui')], { encoding: 'utf8', env: DEMO_ENV });
    expect(restore.status).not.toBe(0);
    expect(restore.stderr).toContain('不能恢复');
    const stats = spawnSync(process.execPath, [BIN, 'stats', '--data', dir, '--json'], { encoding: 'utf8', env: DEMO_ENV });
    expect(JSON.parse(stats.stdout).enterprises).toBe(400); // reading alongside is fine
  });

  it('refuses calls without the session token', async () => {
    const { url } = await startHost(join(tempDir(), 'ws'));
    const res = await rpc(url, 'workspace.stats', {});
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('令牌');
    expect((await rpc(url, 'workspace.stats', {}, 'f'.repeat(48))).status).toBe(401);
  });

  it('serves the renderer with a CSP, and never a file outside it', async () => {
    const { url } = await startHost(join(tempDir(), 'ws'));
    const page = await fetch(new URL('/', url));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    const escape = await fetch(new URL('/..%2f..%2fpackage.json', url));
    expect(escape.status).toBe(404);
  });

  it('answers bad JSON and unknown procedures in Chinese', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const bad = await fetch(new URL('/rpc/workspace.stats', url), { method: 'POST', headers: { 'x-qingshui-token': token }, body: '{nope' });
    expect(bad.status).toBe(400);
    const huge = await rpc(url, 'enterprises.list', { q: 'x'.repeat(73 * 1024 * 1024) }, token);
    expect(huge.status).toBe(413);
    expect(await (await rpc(url, 'nope.nothing', {}, token)).json()).toMatchObject({ ok: false, error: { code: 'not_found', message: '未知的操作：nope.nothing' } });
  });

  it('pushes a change event over SSE when a record is written', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const controller = new AbortController();
    const events = await fetch(new URL('/events', url), { headers: { 'x-qingshui-token': token }, signal: controller.signal });
    const reader = events.body!.getReader();
    const [person] = ((await (await rpc(url, 'people.list', {}, token)).json()) as { value: { id: string }[] }).value;
    await rpc(url, 'workspace.signIn', { personId: person.id }, token);
    await rpc(url, 'workspace.updateSettings', { contactPhone: '0797-1234567' }, token);
    let text = '';
    while (!text.includes('"changed"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"entity":"workspace"');
    controller.abort();
  });

  it('serves photos and signatures by SHA-256 to token holders only', async () => {
    const { url, token } = await startHost(join(tempDir(), 'ws'));
    const list = await (await rpc(url, 'inspections.list', { limit: 1 }, token)).json() as { value: { rows: { id: string }[] } };
    const record = await (await rpc(url, 'inspections.get', { id: list.value.rows[0].id }, token)).json() as { value: { photos: { sha256: string; thumbSha256: string }[] } };
    const { sha256, thumbSha256 } = record.value.photos[0];
    const photo = await fetch(new URL(`/blobs/${sha256}`, url), { headers: { 'x-qingshui-token': token } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(Buffer.from(await photo.arrayBuffer())).digest('hex')).toBe(sha256);
    expect((await fetch(new URL(`/blobs/${thumbSha256}`, url))).status).toBe(401);
    expect((await fetch(new URL(`/blobs/${'0'.repeat(64)}`, url), { headers: { 'x-qingshui-token': token } })).status).toBe(404);
    expect((await fetch(new URL('/blobs/..%2Fworkspace.qingshui', url), { headers: { 'x-qingshui-token': token } })).status).toBe(404);
  });
});
