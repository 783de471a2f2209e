import { join, resolve } from 'node:path';
import { DomainError } from '../../shared/api/result';
import { createEmptyWorkspace, openOrCreateDemo } from '../core/default-workspace';
import { createWorkspaceHost } from '../core/workspace-host';
import { workspaceFile } from '../core/workbench';
import { lockWorkspace } from '../core/workspace-lock';
import { mkdirSync } from 'node:fs';
import { startWebHost } from '../web/server';

/** `qingshui web [--data DIR] [--port N] [--tiles FILE.mbtiles] [--empty]`: serves the workbench to a browser on 127.0.0.1. */
export async function webCommand(dataDir: string, port: number | undefined, tiles?: string, empty = false): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockWorkspace(dataDir, '浏览器版');
  let opened: Awaited<ReturnType<typeof openOrCreateDemo>>;
  try {
    if (empty) createEmptyWorkspace(dataDir);
    // The offline basemap for this workspace (kept in its settings); a bad file stops here with why.
    opened = await openOrCreateDemo(dataDir, { basemapPath: tiles === undefined ? undefined : resolve(tiles) });
  } catch (e) {
    unlock();
    throw tiles !== undefined && e instanceof DomainError && e.code === 'invalid' ? new DomainError('invalid', `--tiles：${e.message}`) : e;
  }
  const { start, createdDemo } = opened;
  const workspaces = createWorkspaceHost(start);
  const host = await startWebHost(workspaces, { port, rendererDir: join(__dirname, '..', 'renderer') });
  console.log(host.url); // first line: the address to open, token included
  console.log(`清水工作台（浏览器版）已启动，数据：${workspaceFile(dataDir)}${createdDemo ? '（新建了演示县“清水县”）' : ''}${'sealed' in start ? '（已加密，登录后打开）' : ''}`);
  console.log('在浏览器中打开上面的地址；按 Ctrl+C 退出。');
  const stop = async () => { await host.close(); workspaces.close(); unlock(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
