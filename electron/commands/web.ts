import { join } from 'node:path';
import { openOrCreateDemo } from '../core/default-workspace';
import { createWorkspaceHost } from '../core/workspace-host';
import { lockWorkspace } from '../core/workspace-lock';
import { mkdirSync } from 'node:fs';
import { startWebHost } from '../web/server';

/** `qingshui web [--data DIR] [--port N]`: serves the workbench to a browser on 127.0.0.1. */
export async function webCommand(dataDir: string, port: number | undefined): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockWorkspace(dataDir, '浏览器版');
  const { wb, createdDemo } = await openOrCreateDemo(dataDir);
  const workspaces = createWorkspaceHost(wb);
  const host = await startWebHost(workspaces, { port, rendererDir: join(__dirname, '..', 'renderer') });
  console.log(host.url); // first line: the address to open, token included
  console.log(`清水工作台（浏览器版）已启动，数据：${wb.store.file}${createdDemo ? '（新建了演示县“清水县”）' : ''}`);
  console.log('在浏览器中打开上面的地址；按 Ctrl+C 退出。');
  const stop = async () => { await host.close(); workspaces.close(); unlock(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
