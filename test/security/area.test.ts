import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { loopWorkbench } from '../integration/helpers';
import { enrolledLaptop, startHub, townsOf } from '../integration/sync-helpers';
import { forge } from './forge';

/**
 * An attacker holding an enrolled town officer's laptop (镇街工作人员 of one town) writes changes
 * straight into its store — as a crafted client would push them — to pull another town's records,
 * their complaints, complainants and inspections onto their laptop.
 */
describe.each(['sqlite', 'pg'] as const)('a town officer’s laptop claiming other towns’ records (%s)', (kind) => {
  async function county() {
    const hub = await startHub(kind);
    const a = await loopWorkbench(30);
    await enrolledLaptop(hub, 'admin', { wb: a });
    await syncNow(a.ctx);
    const towns = townsOf(a);
    // An enterprise of another town with complaints or inspections about it: what the attacker wants.
    const victim = a.store.db.prepare(`SELECT e.id FROM enterprises e WHERE e.town_code <> ? AND e.deleted_at IS NULL
      AND EXISTS (SELECT 1 FROM inspections i WHERE i.target_id = e.id) ORDER BY e.id LIMIT 1`).pluck().get(towns[0]) as string;
    const t = await enrolledLaptop(hub, 'mole', { role: 'town', towns: [towns[0]] });
    await syncNow(t.ctx);
    return { hub, a, t, towns, victim };
  }
  const held = (wb: Awaited<ReturnType<typeof loopWorkbench>>, sql: string, ...args: unknown[]) => Number(wb.store.db.prepare(sql).pluck().get(...args));

  it('a change that claims the record now lies in the officer’s town is quarantined, and nothing of it reaches any of their laptops', async () => {
    const { hub, a, t, towns, victim } = await county();
    const townBefore = (await hub.db.one<{ town: string }>("SELECT town FROM records WHERE entity = 'enterprise' AND entity_id = $1", [victim]))!.town;
    expect(townBefore).not.toBe(towns[0]);
    expect(held(t, 'SELECT count(*) FROM enterprises WHERE id = ?', victim)).toBe(0);

    forge(t, 'enterprise', victim, { townCode: towns[0] });
    const r = await syncNow(t.ctx);
    expect(r.quarantined).toBe(1);
    const reasons = (await t.call('sync.rejected', {})).map((x: { reason: string }) => x.reason).join('\n');
    expect(reasons).toMatch(/镇街/);
    expect((await hub.db.one<{ town: string }>("SELECT town FROM records WHERE entity = 'enterprise' AND entity_id = $1", [victim]))!.town).toBe(townBefore);

    await syncNow(t.ctx);
    const t2 = await enrolledLaptop(hub, 'mole');
    await syncNow(t2.ctx);
    for (const wb of [t, t2]) {
      expect(held(wb, 'SELECT count(*) FROM inspections WHERE target_id = ?', victim)).toBe(0);
      expect(held(wb, 'SELECT count(*) FROM findings WHERE target_id = ?', victim)).toBe(0);
      expect(held(wb, 'SELECT count(*) FROM complaints WHERE target_id = ?', victim)).toBe(0);
    }
    expect(held(t2, 'SELECT count(*) FROM enterprises WHERE id = ?', victim)).toBe(0);
    // The county laptop still has it where it was.
    await syncNow(a.ctx);
    expect(a.store.db.prepare('SELECT town_code FROM enterprises WHERE id = ?').pluck().get(victim)).toBe(townBefore);
  });

  it('moving one of their own records out, creating records about another town’s enterprise, and writing into its findings are quarantined', async () => {
    const { hub, a, t, towns, victim } = await county();
    const own = t.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? AND deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get(towns[0]) as string;
    forge(t, 'enterprise', own, { townCode: towns[1] });
    // An inspection and a finding about the other town's enterprise, each claiming the officer's town.
    forge(t, 'inspection', 'forged-inspection', { state: 'draft', templateId: 'builtin:x@1', targetKind: 'enterprise', targetId: victim, targetName: 'x', townCode: towns[0], startedAt: '2026-12-01 09:00' });
    forge(t, 'finding', 'forged-finding', { sourceKind: 'manual', targetKind: 'enterprise', targetId: victim, targetName: 'x', townCode: towns[0], description: 'x', foundAt: '2026-12-01', state: 'open' });
    // An event on another town's finding.
    const foreignFinding = a.store.db.prepare('SELECT id FROM findings WHERE town_code <> ? ORDER BY id LIMIT 1').pluck().get(towns[0]) as string;
    forge(t, 'record_event', 'forged-event', { stream: 'finding', streamId: foreignFinding, kind: 'note', hlc: '0', author: 'mole', at: '2026-12-01', text: 'x', data: {}, blobs: [] });
    // An inspection of their own enterprise, then pointed at the other town's; a photo naming another town's file.
    const ownEnterprise = t.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? AND id <> ? AND deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get(towns[0], own) as string;
    forge(t, 'inspection', 'retargeted', { state: 'draft', templateId: 'builtin:x@1', targetKind: 'enterprise', targetId: ownEnterprise, targetName: 'x', townCode: towns[0], startedAt: '2026-12-01 09:00' });
    forge(t, 'inspection', 'retargeted', { targetId: victim });
    const foreignPhoto = a.store.db.prepare('SELECT p.sha256 FROM inspection_photos p JOIN inspections i ON i.id = p.inspection_id WHERE i.town_code <> ? LIMIT 1').pluck().get(towns[0]) as string;
    forge(t, 'inspection_photo', 'stolen', { inspectionId: 'retargeted', itemId: null, sha256: foreignPhoto, thumbSha256: null, fileName: 'x.jpg', caption: '' });
    // A deleted record of another town "agreed" with (a field it does not hold): not a way to bring it back.
    const r = await syncNow(t.ctx);
    expect(r.quarantined).toBe(6);
    expect((await t.call('sync.rejected', {})).map((x: { reason: string }) => x.reason).join('\n')).toMatch(/属于本账号负责镇街以外的记录/);
    expect((await hub.db.one<{ town: string }>("SELECT town FROM records WHERE entity = 'enterprise' AND entity_id = $1", [own]))!.town).toBe(towns[0]);
    for (const id of ['forged-inspection', 'forged-finding', 'forged-event']) {
      expect(await hub.db.one('SELECT 1 AS ok FROM records WHERE entity_id = $1', [id])).toBeUndefined();
    }
    // An honest edit of their own record still goes through.
    await t.call('enterprises.update', { id: t.store.db.prepare('SELECT id FROM enterprises WHERE town_code = ? AND id <> ? AND deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get(towns[0], own) as string, patch: { note: '镇街核实' } });
    expect((await syncNow(t.ctx)).quarantined).toBe(0);
  });
});
