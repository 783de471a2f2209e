import type { Database } from 'better-sqlite3';
import type { Role } from '../../shared/auth/permissions';

/** A laptop's account (issue 18): who may sign in here, as whom, with which role; its verifiers. */
export type AccountRow = {
  name: string; personId: string; personName: string; role: Role; towns: string[]; source: 'local' | 'hub';
  verifier: string; pin: string | null; failures: number; pinFailures: number; lockedUntil: string | null;
  disabled: boolean; createdAt: string; lastSignIn: string | null;
  /** A hub account: the version of its password the verifier was made from. */
  hubVersion: string | null;
};

type Raw = {
  name: string; person_id: string; person_name: string | null; display: string; hub_version: string | null; role: Role; towns: string; source: 'local' | 'hub'; verifier: string; pin: string | null;
  failures: number; pin_failures: number; locked_until: string | null; disabled: number; created_at: string; last_sign_in: string | null;
};

const SELECT = 'SELECT a.*, p.name AS person_name FROM accounts a LEFT JOIN people p ON p.id = a.person_id';

const toRow = (r: Raw): AccountRow => ({
  name: r.name, personId: r.person_id, personName: r.person_name ?? r.display, hubVersion: r.hub_version, role: r.role, towns: JSON.parse(r.towns) as string[], source: r.source,
  verifier: r.verifier, pin: r.pin, failures: r.failures, pinFailures: r.pin_failures, lockedUntil: r.locked_until,
  disabled: r.disabled === 1, createdAt: r.created_at, lastSignIn: r.last_sign_in,
});

/** An account by its sign-in name (case as typed: names are compared exactly). */
export function accountNamed(db: Database, name: string): AccountRow | undefined {
  const r = db.prepare(`${SELECT} WHERE a.name = ?`).get(name) as Raw | undefined;
  return r && toRow(r);
}

/** Every account, by name. */
export function allAccounts(db: Database): AccountRow[] {
  return (db.prepare(`${SELECT} ORDER BY a.name`).all() as Raw[]).map(toRow);
}

/** How many accounts this laptop has (none: its first run creates the administrator). */
export function accountCount(db: Database): number {
  return db.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
}

/** The account that acts as a person, if any. */
export function accountOfPerson(db: Database, personId: string): AccountRow | undefined {
  const r = db.prepare(`${SELECT} WHERE a.person_id = ? ORDER BY a.name LIMIT 1`).get(personId) as Raw | undefined;
  return r && toRow(r);
}

export function insertAccount(db: Database, a: { name: string; personId: string; role: Role; towns: string[]; source: 'local' | 'hub'; verifier: string; createdAt: string }): void {
  db.prepare('INSERT INTO accounts (name, person_id, role, towns, source, verifier, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(a.name, a.personId, a.role, JSON.stringify(a.towns), a.source, a.verifier, a.createdAt);
}

export function setAccountRole(db: Database, name: string, role: Role, towns: string[]): void {
  db.prepare('UPDATE accounts SET role = ?, towns = ? WHERE name = ?').run(role, JSON.stringify(towns), name);
}

export function setAccountDisabled(db: Database, name: string, disabled: boolean): void {
  db.prepare('UPDATE accounts SET disabled = ? WHERE name = ?').run(disabled ? 1 : 0, name);
}

/** A new password verifier: failures and any lock are cleared. */
export function setVerifier(db: Database, name: string, verifier: string): void {
  db.prepare('UPDATE accounts SET verifier = ?, failures = 0, locked_until = NULL WHERE name = ?').run(verifier, name);
}

/** A new PIN verifier (null: none), its failures cleared. */
export function setPinVerifier(db: Database, name: string, pin: string | null): void {
  db.prepare('UPDATE accounts SET pin = ?, pin_failures = 0 WHERE name = ?').run(pin, name);
}

/** Counts a wrong password (or PIN) and locks the account until `lockUntil` when given. */
export function noteFailure(db: Database, name: string, kind: 'password' | 'pin', lockUntil: string | null): void {
  const column = kind === 'pin' ? 'pin_failures' : 'failures';
  db.prepare(`UPDATE accounts SET ${column} = ${column} + 1, locked_until = coalesce(?, locked_until) WHERE name = ?`).run(lockUntil, name);
}

/** A successful sign-in: failures cleared, the time kept. */
export function noteSignIn(db: Database, name: string, at: string): void {
  db.prepare('UPDATE accounts SET failures = 0, pin_failures = 0, locked_until = NULL, last_sign_in = ? WHERE name = ?').run(at, name);
}

/** A successful PIN unlock: PIN failures cleared. */
export function notePinUnlock(db: Database, name: string): void {
  db.prepare('UPDATE accounts SET pin_failures = 0 WHERE name = ?').run(name);
}

/** A hub account that signed in here (or its facts at a sync): made or brought up to date. */
export function upsertHubAccount(db: Database, a: { name: string; personId: string; display: string; role: Role; towns: string[]; verifier: string; hubVersion: string; at: string }): void {
  db.prepare(`INSERT INTO accounts (name, person_id, role, towns, source, display, hub_version, verifier, created_at) VALUES (?, ?, ?, ?, 'hub', ?, ?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET person_id = excluded.person_id, role = excluded.role, towns = excluded.towns, source = 'hub', display = excluded.display,
      hub_version = excluded.hub_version, verifier = excluded.verifier, disabled = 0, failures = 0, locked_until = NULL`)
    .run(a.name, a.personId, a.role, JSON.stringify(a.towns), a.display, a.hubVersion, a.verifier, a.at);
}

/** What the hub says of an account now; a changed password forgets the verifier (next sign-in goes to the hub). */
export function setHubFacts(db: Database, name: string, f: { disabled: boolean; display: string; role: Role; towns: string[]; hubVersion: string }): void {
  db.prepare(`UPDATE accounts SET disabled = ?, display = ?, role = ?, towns = ?,
      verifier = CASE WHEN hub_version IS ? THEN verifier ELSE '' END, pin = CASE WHEN hub_version IS ? THEN pin ELSE NULL END
    WHERE name = ? AND source = 'hub'`).run(f.disabled ? 1 : 0, f.display, f.role, JSON.stringify(f.towns), f.hubVersion, f.hubVersion, name);
}

/** The person a hub account acts as: the active person of its display name, when exactly one. */
export function personNamed(db: Database, name: string): string | null {
  const ids = db.prepare('SELECT id FROM people WHERE name = ? AND active = 1 AND deleted_at IS NULL').pluck().all(name) as string[];
  return ids.length === 1 ? ids[0] : null;
}

/** A hub account's verifier and PIN forgotten: its next sign-in is checked at the hub. */
export function forgetVerifier(db: Database, name: string): void {
  db.prepare("UPDATE accounts SET verifier = '', pin = NULL WHERE name = ? AND source = 'hub'").run(name);
}

/** The digest of the verifier an account's key slot was written beside (issue 18), if any. */
export function slotMark(db: Database, name: string): string | undefined {
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(`slotOf:${name}`) as string | undefined;
}

export function setSlotMark(db: Database, name: string, digest: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(`slotOf:${name}`, digest);
}
