import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { enroll } from '../../electron/services/sync/enroll';
import { openWorkbench } from './helpers';

describe('the sync page speaks plain Chinese (issue 20)', () => {
  it('an address that is not a hub (a bare 404) is said as such, never “HTTP 404”', async () => {
    const server = createServer((_req, res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<h1>Not Found</h1>'); });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const wb = openWorkbench();
    try {
      const err = await enroll(wb.store, url, 'admin', 'secret-pass-1').then(() => null, (e: Error) => e);
      expect(err?.message).toContain('不是本局的同步中心');
      expect(err?.message).not.toMatch(/HTTP\s*404/);
    } finally {
      wb.close();
      server.close();
    }
  });
});
