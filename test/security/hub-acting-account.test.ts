import { describe, expect, it } from 'vitest';
import type { Workbench } from '../../electron/core/workbench';
import type { Session } from '../../electron/services/context';
import { syncNow } from '../../electron/services/sync';
import { ENTERPRISE, INSPECTION, PLAN, SETTING } from '../../electron/store/entities';
import { addUser } from '../../hub/services/users';
import { countyLaptop, PASSWORD, startHub, townsOf, type TestHub } from '../integration/sync-helpers';

/*
 * Issue 18: the hub judges every change by the account it was made under. A bureau laptop is shared —
 * a town officer signs in on it — so a change names its hub account and the hub holds it to that
 * account's role and towns (as the hub has them), and only if the account signed in on that device.
 * The attacks go behind the laptop's own guard (straight to its store), as a tampered laptop would.
 */

function page(wb: Workbench) {
  const session: Session = { personId: null };
  return { session, call: async (name: string, input: unknown = {}) => wb.dispatch(name, input, session) };
}

const held = (hub: TestHub, entityId: string) => hub.db.all<{ reason: string; user_name: string }>('SELECT reason, user_name FROM quarantine WHERE entity_id = $1', [entityId]);
const enterpriseIn = (wb: Workbench, town: string, not = false) =>
  wb.store.db.prepare(`SELECT id FROM enterprises WHERE town_code ${not ? '<>' : '='} ? AND deleted_at IS NULL LIMIT 1`).pluck().get(town) as string;

for (const kind of ['sqlite', 'pg'] as const) {
  describe(`the hub judges each change by the account that made it (${kind}, issue 18)`, () => {
    it('a town officer signed in on a county laptop: their own town\'s change is taken, another town\'s is held at the hub even when the laptop lets it through', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      const [mine, other] = townsOf(a);
      await addUser(hub.db, { name: 'zhen', role: 'town', towns: [mine], password: PASSWORD });
      const officer = page(a);
      expect(await officer.call('auth.signIn', { user: 'zhen', password: PASSWORD })).toMatchObject({ ok: true, value: { account: { role: 'town', source: 'hub' } } });

      const own = enterpriseIn(a, mine);
      expect(await officer.call('enterprises.update', { id: own, patch: { note: '镇街核实' } })).toMatchObject({ ok: true });
      expect(a.store.db.prepare("SELECT account FROM changes WHERE entity = 'enterprise' AND entity_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(own)).toBe('zhen');
      // Behind the laptop's guard: the same account's change to another town's enterprise.
      const foreign = enterpriseIn(a, other);
      a.store.write(ENTERPRISE, foreign, { note: '越权修改' }, 'someone', { account: 'zhen' });
      await syncNow(a.ctx);
      expect(await held(hub, own)).toEqual([]);
      expect(await held(hub, foreign)).toEqual([expect.objectContaining({ reason: expect.stringContaining('不在该账号负责的镇街') })]);
      // The same write as the device's own account (the administrator who enrolled it) is taken.
      a.store.write(ENTERPRISE, foreign, { note: '管理员修改' }, 'someone');
      await syncNow(a.ctx);
      expect(await held(hub, foreign)).toHaveLength(1);
      const heads = await hub.db.one<{ heads: string }>("SELECT heads FROM records WHERE entity = 'enterprise' AND entity_id = $1", [foreign]);
      expect(JSON.parse(heads!.heads).note[0].v).toBe('管理员修改');
      await hub.close();
    });

    it('a change naming an account the hub does not know, or one that never signed in on that laptop, is held', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      const [town] = townsOf(a);
      await addUser(hub.db, { name: 'li', role: 'admin', towns: [], password: PASSWORD });
      const e1 = enterpriseIn(a, town);
      const e2 = a.store.db.prepare('SELECT id FROM enterprises WHERE id <> ? LIMIT 1').pluck().get(e1) as string;
      a.store.write(ENTERPRISE, e1, { note: '伪造账号' }, 'x', { account: 'ghost' });
      a.store.write(ENTERPRISE, e2, { note: '冒用管理员' }, 'x', { account: 'li' });
      await syncNow(a.ctx);
      expect(await held(hub, e1)).toEqual([expect.objectContaining({ reason: expect.stringContaining('在本中心不存在') })]);
      expect(await held(hub, e2)).toEqual([expect.objectContaining({ reason: expect.stringContaining('没有在推送它的设备上登录过') })]);
      await hub.close();
    });

    it('a change is held to its account\'s role by the one permission table: an inspector\'s settings or 双随机 plan, a bureau member\'s inspection', async () => {
      const hub = await startHub(kind);
      const a = await countyLaptop(hub);
      await syncNow(a.ctx);
      await addUser(hub.db, { name: 'zhifa', role: 'inspector', towns: [], password: PASSWORD });
      await addUser(hub.db, { name: 'juzhang', role: 'bureau', towns: [], password: PASSWORD });
      for (const user of ['zhifa', 'juzhang']) expect(await page(a).call('auth.signIn', { user, password: PASSWORD })).toMatchObject({ ok: true });
      // A plan and a draft inspection made by the laptop's program; then changes to them under the accounts.
      const q = { mode: 'ratio', value: 0.1 } as const;
      const plan = await a.call('plans.create', { name: '2026年第一批', matter: '排污许可执行情况', periodFrom: '2026-01-01', periodTo: '2026-06-30', quotas: { 重点: q, 一般: q, 特殊: q } });
      const templateId = a.store.db.prepare('SELECT id FROM checklist_templates LIMIT 1').pluck().get() as string;
      const [town] = townsOf(a);
      const e = enterpriseIn(a, town);
      const officerIds = (a.store.db.prepare("SELECT id FROM people WHERE role = '执法人员' AND certificate_no IS NOT NULL LIMIT 2").pluck().all() as string[]);
      const insp = await a.call('inspections.start', { templateId, targetKind: 'enterprise', targetId: e, officerIds });
      await syncNow(a.ctx);
      a.store.write(SETTING, 'contactPhone', { value: '0797-0000000' }, 'x', { account: 'zhifa' });
      a.store.write(PLAN, plan.id, { name: '伪造计划' }, 'x', { account: 'zhifa' });
      a.store.write(INSPECTION, insp.id, { place: '局长补写' }, 'x', { account: 'juzhang' });
      a.store.write(ENTERPRISE, e, { note: '执法人员核实' }, 'x', { account: 'zhifa' });
      await syncNow(a.ctx);
      expect(await held(hub, 'contactPhone')).toEqual([expect.objectContaining({ reason: expect.stringContaining('执法人员无权修改系统设置') })]);
      expect(await held(hub, plan.id)).toEqual([expect.objectContaining({ reason: expect.stringContaining('执法人员无权制定双随机计划') })]);
      expect(await held(hub, insp.id)).toEqual([expect.objectContaining({ reason: expect.stringContaining('局机关人员无权开展现场检查') })]);
      expect(await held(hub, e)).toEqual([]);
      await hub.close();
    });
  });
}
