import { describe, expect, it } from 'vitest';
import { createWorkbench, type Workbench } from '../../electron/core/workbench';
import type { Session } from '../../electron/services/context';
import { writeDemoAccounts, DEMO_PASSWORD } from '../../electron/services/demo/accounts';
import { generateDemoLoop } from '../../electron/services/demo/closed-loop';
import { generateDemo } from '../../electron/services/demo/generate';
import { generateDemoPast } from '../../electron/services/demo/inspections';
import { openWorkbench, tempDir } from '../integration/helpers';

/** The demo county with its accounts (one per role), opened as a page would: every call in a session. */
async function county(loop = false): Promise<Workbench> {
  const dir = tempDir();
  const b = createWorkbench({ dataDir: dir, actor: 'system' });
  generateDemo(b.store);
  if (loop) { await generateDemoPast(b.store); generateDemoLoop({ store: b.store, session: { personId: null }, actor: 'system' }); }
  await writeDemoAccounts(b.store);
  b.close();
  return openWorkbench(dir, 'user');
}

/** A page's session, signed in with a demo account. */
async function page(wb: Workbench, user?: string, password = DEMO_PASSWORD) {
  const session: Session = { personId: null };
  const call = async (name: string, input: unknown = {}) => wb.dispatch(name, input, session);
  if (user) expect(await call('auth.signIn', { user, password })).toMatchObject({ ok: true });
  return { session, call };
}

const actions = (wb: Workbench, action: string) => wb.store.db.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;

describe('who is working: sign-in, lockout, idle lock (issue 18)', () => {
  it('a page that has not signed in reads and writes nothing', async () => {
    const wb = await county();
    const { call } = await page(wb);
    for (const name of ['enterprises.list', 'complaints.list', 'people.list', 'workspace.stats', 'ledgers.export', 'findings.act']) {
      const r = await call(name, {});
      expect(r, name).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: '请先登录' } });
    }
    expect(await call('auth.status')).toMatchObject({ ok: true, value: { signedIn: false, needsSetup: false } });
  });

  it('a wrong password is refused with the same words as an unknown account; five lock the account for 15 minutes, the right password too', async () => {
    const wb = await county();
    const { call } = await page(wb);
    const unknown = await call('auth.signIn', { user: 'nobody', password: 'x' });
    const wrong = await call('auth.signIn', { user: 'zhifa1', password: 'wrong-1' });
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ ok: false, error: { message: '用户名或密码不对，或该账号已停用' } });
    for (let i = 0; i < 3; i++) await call('auth.signIn', { user: 'zhifa1', password: `wrong-${i + 2}` });
    expect(await call('auth.signIn', { user: 'zhifa1', password: 'wrong-5' })).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringContaining('账号已锁定') } });
    expect(await call('auth.signIn', { user: 'zhifa1', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(actions(wb, 'sign_in_failed')).toBeGreaterThanOrEqual(5);
    expect(actions(wb, 'account_locked')).toBe(1);
  });

  it('an idle session locks by itself; the PIN unlocks it, five wrong PINs ask for the password', async () => {
    const wb = await county();
    const me = await page(wb, 'zhifa1');
    expect(await me.call('auth.setPin', { pin: '12345', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringContaining('PIN 应为 6 位数字') } });
    expect(await me.call('auth.setPin', { pin: '246810', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    me.session.lastActive = Date.now() - 11 * 60_000; // the default idle lock is 10 minutes
    expect(await me.call('enterprises.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await me.call('auth.unlock', { pin: '246810' })).toMatchObject({ ok: true, value: { locked: false } });
    expect(await me.call('enterprises.list', {})).toMatchObject({ ok: true });
    await me.call('auth.lock');
    for (let i = 0; i < 4; i++) expect(await me.call('auth.unlock', { pin: '000000' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('PIN 不对') } });
    expect(await me.call('auth.unlock', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await me.call('auth.unlock', { pin: '246810' })).toMatchObject({ ok: false });
    expect(actions(wb, 'lock') + actions(wb, 'session_expired')).toBe(2);
  });

  it('every change is recorded under the signed-in account; signing out ends it', async () => {
    const wb = await county();
    const me = await page(wb, 'zhifa1');
    const [e] = (await me.call('enterprises.list', { limit: 1 }) as { value: { rows: { id: string }[] } }).value.rows;
    expect(await me.call('enterprises.update', { id: e.id, patch: { note: '登录后修改' } })).toMatchObject({ ok: true });
    const personId = wb.store.db.prepare("SELECT person_id FROM accounts WHERE name = 'zhifa1'").pluck().get();
    expect(wb.store.db.prepare("SELECT author FROM changes WHERE entity = 'enterprise' AND entity_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(e.id)).toBe(personId);
    await me.call('auth.signOut');
    expect(await me.call('enterprises.update', { id: e.id, patch: { note: '退出后' } })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('roles, enforced behind the contract (issue 18)', () => {
  it('a town officer may not change settings, accounts or plans, nor import a ledger; each refusal is audited', async () => {
    const wb = await county();
    const town = await page(wb, 'zhenjie1');
    const refused: [string, unknown, string][] = [
      ['workspace.updateSettings', { contactPhone: '0797-1' }, '镇街工作人员无权修改系统设置'],
      ['auth.createAccount', { user: 'me2', personId: 'x', role: 'admin', password: 'Abcdefg12' }, '镇街工作人员无权管理人员、账号和权限'],
      ['people.create', { name: '某人', role: '局机关人员' }, '镇街工作人员无权管理人员'],
      ['plans.create', {}, '镇街工作人员无权制定双随机计划'],
      ['ledgers.import', { kind: 'enterprises', staged: 'x.xlsx' }, '镇街工作人员无权导入台账'],
      ['audit.list', {}, '镇街工作人员无权查看审计日志'],
    ];
    for (const [name, input, message] of refused) {
      expect(await town.call(name, input), name).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(message) } });
    }
    expect(actions(wb, 'refused')).toBe(refused.length);
    const bureau = await page(wb, 'juzhang');
    expect(await bureau.call('inspections.start', {})).toMatchObject({ ok: false, error: { message: expect.stringContaining('局机关人员无权开展现场检查') } });
  });

  it('a town officer writes only in their towns: another town\'s enterprise, a move out, a problem about another town are refused', async () => {
    const wb = await county();
    const towns = wb.store.db.prepare("SELECT towns FROM accounts WHERE name = 'zhenjie1'").pluck().get() as string;
    const mine = (JSON.parse(towns) as string[])[0];
    const own = wb.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? LIMIT 1').pluck().get(mine) as string;
    const other = wb.store.db.prepare('SELECT id, town_code FROM enterprises WHERE town_code <> ? LIMIT 1').get(mine) as { id: string; town_code: string };
    const town = await page(wb, 'zhenjie1');
    expect(await town.call('enterprises.update', { id: own, patch: { note: '本镇' } })).toMatchObject({ ok: true });
    // Another town's record is not found for them at all (nothing of it is said); a move out of their towns is refused.
    expect(await town.call('enterprises.update', { id: other.id, patch: { note: '外镇' } })).toMatchObject({ ok: false, error: { code: 'not_found', message: '未找到该记录（或不在您负责的镇街内）' } });
    expect(await town.call('enterprises.update', { id: own, patch: { townCode: other.town_code, villageCode: null } })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('不能把记录从镇街') } });
    const finding = {
      number: null, sourceKind: 'monitoring', sourceId: null, description: '外镇问题', townCode: mine, targetKind: 'enterprise', targetId: other.id, targetName: '外镇企业',
      goal: '', measures: '', responsibleUnit: '某单位', partnerUnits: '', leader: '', responsiblePerson: '某人', deadline: '2026-12-31', foundAt: '2026-12-01', legalBasis: '', deadlineBand: 'immediate',
    };
    expect(await town.call('findings.create', finding)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(wb.store.db.prepare("SELECT count(*) FROM findings WHERE description = '外镇问题'").pluck().get()).toBe(0);
    expect(wb.store.db.prepare('SELECT note FROM enterprises WHERE id = ?').pluck().get(other.id)).not.toBe('外镇');
  });

  it('who sees complainants is granted by an administrator, never by oneself; the grant is audited', async () => {
    const wb = await county();
    const admin = await page(wb, 'admin');
    const me = admin.session.personId!;
    expect(await admin.call('workspace.updateSettings', { complainantViewers: [me] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('不能授权本人') } });
    const other = wb.store.db.prepare("SELECT person_id FROM accounts WHERE name = 'zhifa1'").pluck().get() as string;
    expect(await admin.call('workspace.updateSettings', { complainantViewers: [other] })).toMatchObject({ ok: true });
    expect(actions(wb, 'permission_changed')).toBe(1);
  });

  it('验收 is refused to whoever rechecked the problem, and not offered to them; someone else may', async () => {
    const wb = await county(true);
    const row = wb.store.db.prepare(`SELECT f.id, f.town_code AS town, e.author, p.role FROM findings f JOIN record_events e ON e.stream = 'finding' AND e.stream_id = f.id AND e.kind = 'rechecked'
      JOIN people p ON p.id = e.author WHERE f.state = 'rechecked' LIMIT 1`).get() as { id: string; town: string; author: string; role: string };
    const role = ({ 执法人员: 'inspector', 镇街工作人员: 'town', 局机关人员: 'bureau' } as const)[row.role as '执法人员' | '镇街工作人员' | '局机关人员'];
    const system = createWorkbench({ dataDir: wb.dataDir, actor: 'system', create: false });
    // A town officer answers for the problem's town (they see nothing of another town's).
    await system.call('auth.createAccount', { user: 'fuchaa', personId: row.author, role, towns: role === 'town' ? [row.town] : [], password: 'Fucha2026x' });
    system.close();
    const checker = await page(wb, 'fuchaa', 'Fucha2026x');
    const detail = await checker.call('findings.get', { id: row.id }) as { value: { allowed: string[] } };
    expect(detail.value.allowed).not.toContain('accepted');
    expect(await checker.call('findings.act', { id: row.id, kind: 'accepted', text: '' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('职责分离：您参与了该问题的复查') } });
    const adminPerson = wb.store.db.prepare("SELECT person_id FROM accounts WHERE name = 'admin'").pluck().get();
    const other = await page(wb, adminPerson === row.author ? 'juzhang' : 'admin');
    expect(await other.call('findings.act', { id: row.id, kind: 'accepted', text: '' })).toMatchObject({ ok: true });
  });
});

describe('personal information shown masked (issue 18)', () => {
  it('a role without the right sees mobile numbers masked in people, enterprises and their history; a reveal is logged; a masked value sent back changes nothing', async () => {
    const wb = await county();
    const id = wb.store.db.prepare("SELECT id FROM enterprises WHERE contact_phone LIKE '1%' LIMIT 1").pluck().get() as string;
    const full = wb.store.db.prepare('SELECT contact_phone FROM enterprises WHERE id = ?').pluck().get(id) as string;
    const bureau = await page(wb, 'juzhang');
    expect(await bureau.call('enterprises.get', { id })).toMatchObject({ ok: true, value: { contactPhone: full } });
    const town = await page(wb, 'zhifa1');
    const seen = (await town.call('enterprises.get', { id }) as { value: { contactPhone: string } }).value;
    expect(seen.contactPhone).toBe(`${full.slice(0, 3)}****${full.slice(7)}`);
    const people = (await town.call('people.list') as { value: { phone: string }[] }).value;
    expect(people.every((p) => !/^1\d{10}$/.test(p.phone))).toBe(true);
    // The edit form sends the whole record back, masked phone included: the stored number stays.
    expect(await town.call('enterprises.update', { id, patch: { ...seen, note: '表单保存' } })).toMatchObject({ ok: true });
    expect(wb.store.db.prepare('SELECT contact_phone FROM enterprises WHERE id = ?').pluck().get(id)).toBe(full);
    expect(await town.call('enterprises.update', { id, patch: { contactPhone: '139****0000' } })).toMatchObject({ ok: false, error: { message: expect.stringContaining('含 *') } });
    await bureau.call('enterprises.update', { id, patch: { contactPhone: '13900001111' } });
    const history = (await town.call('workspace.history', { entity: 'enterprise', id }) as { value: { fields: Record<string, unknown> }[] }).value;
    expect(JSON.stringify(history)).not.toContain('13900001111');
    expect(JSON.stringify(history)).toContain('139****1111');
    expect(await town.call('audit.reveal', { entity: 'enterprise', id, field: 'contactPhone' })).toMatchObject({ ok: true, value: { value: '13900001111' } });
    expect(actions(wb, 'reveal')).toBe(1);
  });
});

describe('the audit log (issue 18)', () => {
  it('is append-only and chained: an edit through SQL is refused, one past the triggers breaks the chain', async () => {
    const wb = await county();
    const admin = await page(wb, 'admin');
    const person = wb.store.db.prepare("SELECT id FROM people WHERE phone <> '' LIMIT 1").pluck().get() as string;
    expect(await admin.call('audit.reveal', { entity: 'person', id: person, field: 'phone' })).toMatchObject({ ok: true, value: { value: expect.stringMatching(/^1\d{10}$/) } });
    const list = await admin.call('audit.list', {}) as { value: { rows: { action: string; account: string; entityId: string }[]; chainIntact: boolean } };
    expect(list.value.chainIntact).toBe(true);
    expect(list.value.rows[0]).toMatchObject({ action: 'reveal', account: 'admin', entityId: person });
    expect(() => wb.store.db.prepare("UPDATE audit_log SET account = 'someone' WHERE action = 'reveal'").run()).toThrow(/append-only/);
    expect(() => wb.store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    wb.store.db.exec('DROP TRIGGER audit_log_no_update');
    wb.store.db.prepare("UPDATE audit_log SET account = 'someone' WHERE action = 'sign_in'").run();
    expect(await admin.call('audit.list', {})).toMatchObject({ ok: true, value: { chainIntact: false } });
  });
});
