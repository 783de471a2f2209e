import type { Database } from 'better-sqlite3';
import type { Role } from '../../shared/auth/permissions';

/** The demo county's accounts and their shared password, named on its sign-in page (a demo only). */
export type DemoAccount = { user: string; role: Role; name: string; password: string };

export function demoAccountsOf(db: Database): DemoAccount[] {
  const v = db.prepare("SELECT value FROM meta WHERE key = 'demoAccounts'").pluck().get() as string | undefined;
  return v ? (JSON.parse(v) as DemoAccount[]) : [];
}

export function setDemoAccounts(db: Database, accounts: DemoAccount[]): void {
  db.prepare("INSERT INTO meta(key, value) VALUES ('demoAccounts', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(accounts));
}
