import { expect } from 'vitest';
import { createWorkbench } from '../../electron/core/workbench';
import { createWorkspaceHost } from '../../electron/core/workspace-host';
import { generateDemo } from '../../electron/services/demo/generate';
import { DEMO_PASSWORD, writeDemoAccounts } from '../../electron/services/demo/accounts';
import { tempDir } from './helpers';

/** The demo county in a desktop-like host, its administrator signed in (issue 18). */
export async function demoHost() {
  const dir = tempDir();
  const b = createWorkbench({ dataDir: dir, actor: 'system' });
  generateDemo(b.store);
  await writeDemoAccounts(b.store);
  b.close();
  const host = createWorkspaceHost(createWorkbench({ dataDir: dir }));
  expect(await host.dispatch('workspaces.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  expect(await host.dispatch('auth.signIn', { user: 'admin', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
  return { dir, host };
}

/** A host call's value, or a thrown error naming its refusal. */
export const value = async <T = unknown>(p: Promise<{ ok: boolean }>) => { const r = await p; if (!r.ok) throw new Error(JSON.stringify(r)); return (r as unknown as { value: T }).value; };
