import { describe, expect, it } from 'vitest';
import { hubDocumentNumber, syncNow } from '../../electron/services/sync';
import { readSyncState, writeSyncState } from '../../electron/store/sync-state';
import { COMPLAINT } from '../../electron/store/entities';
import { isProvisionalNumber } from '../../shared/complaint/number';
import { fillCountyNumbers } from '../../hub/services/county-numbers';
import { loopWorkbench } from './helpers';
import { enrolledLaptop, startHub } from './sync-helpers';

type Laptop = Awaited<ReturnType<typeof loopWorkbench>>;
const numberOf = (wb: Laptop, id: string) => wb.store.db.prepare('SELECT number FROM complaints WHERE id = ?').pluck().get(id) as string;
const numbers = (wb: Laptop) => wb.store.db.prepare('SELECT id, number FROM complaints ORDER BY id').all() as { id: string; number: string }[];
const letter = (content: string) => ({ channel: '来信' as const, receivedAt: '2026-11-20T09:00', content, categories: ['水' as const] });

/*
 * Issue 21: "信访编号 and other county-wide numbers are allocated by the hub when online (a provisional
 * number offline, replaced at sync and shown as such)."
 */
describe.each(['sqlite', 'pg'] as const)('信访编号 given by the hub (%s)', (kind) => {
  it('two laptops registering offline get provisional numbers, and the county’s next distinct numbers at sync; numbers from before stand', async () => {
    const hub = await startHub(kind);
    // The bureau's laptop had numbered its complaints itself before it joined: those numbers stand.
    const a = await loopWorkbench(20);
    const before = numbers(a);
    expect(before.length).toBeGreaterThan(0);
    await enrolledLaptop(hub, 'admin', { wb: a });
    await syncNow(a.ctx);
    expect(numbers(a)).toEqual(before);
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    await syncNow(b.ctx);
    expect(numbers(b)).toEqual(before);

    // Both offline: each registers letters under provisional numbers of its own.
    const [a1, a2] = [await a.call('complaints.create', letter('河道夜间异味')), await a.call('complaints.create', letter('厂区黑烟'))];
    const b1 = await b.call('complaints.create', letter('渠道排污'));
    for (const c of [a1, a2, b1]) expect(isProvisionalNumber(c.complaint.number)).toBe(true);
    expect(a1.complaint.number).not.toBe(a2.complaint.number);
    expect(a1.complaint.number).toMatch(/^临时-2026-[0-9a-z]{4}-01$/);

    // At sync the hub numbers them after the year's highest, each once.
    await syncNow(b.ctx);
    await syncNow(a.ctx);
    await syncNow(b.ctx);
    const last = Math.max(...before.filter((c) => c.number.startsWith('2026-')).map((c) => Number(c.number.slice(5))), 0);
    const given = [b1, a1, a2].map((c) => numberOf(a, c.complaint.id));
    expect(given).toEqual([1, 2, 3].map((i) => `2026-${String(last + i).padStart(4, '0')}`));
    expect(numbers(b)).toEqual(numbers(a));
    expect(await a.call('sync.conflicts', {})).toEqual([]);
    expect(await b.call('sync.rejected', {})).toEqual([]);
    // The record's history says the hub gave it.
    const detail = await a.call('complaints.get', { id: a1.complaint.id });
    expect(detail.complaint.number).toBe(given[1]);

    // A laptop that gives a complaint a number another holds (a copy of an old workspace, a hand edit): the hub gives it a new one.
    b.store.write(COMPLAINT, b1.complaint.id, { number: before[0].number }, 'system');
    await syncNow(b.ctx);
    await syncNow(a.ctx);
    expect(numberOf(b, b1.complaint.id)).toBe(`2026-${String(last + 4).padStart(4, '0')}`);
    expect(numberOf(a, b1.complaint.id)).toBe(numberOf(b, b1.complaint.id));
    expect(numberOf(a, before[0].id)).toBe(before[0].number);

    // A hub from before it gave numbers learns those held when it starts, and never gives one again.
    await hub.db.run('DELETE FROM county_numbers');
    await hub.db.run("DELETE FROM hub_meta WHERE key = 'county_numbers'");
    await fillCountyNumbers(hub.db);
    const held = await hub.db.all<{ value: string }>("SELECT value FROM county_numbers WHERE kind = 'complaint' ORDER BY value");
    expect(held.map((h) => h.value)).toEqual(numbers(a).map((c) => c.number).sort());
  });
});

describe.each(['sqlite', 'pg'] as const)('执法文书 文号 reserved at the hub before signing (%s)', (kind) => {
  it('two laptops online never sign two documents with one 文号; offline a laptop numbers after its own, and the hub learns it', async () => {
    const hub = await startHub(kind);
    const a = await loopWorkbench(20);
    await a.call('workspace.updateSettings', { documentPrefixes: { order: '测环责改', notice: '测环罚告', penalty: '测环罚' }, courtName: '清水县人民法院' });
    await enrolledLaptop(hub, 'admin', { wb: a });
    await syncNow(a.ctx);
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    await syncNow(b.ctx);
    const open = async (wb: Laptop, n: number) => {
      const finding = (await wb.call('findings.list', { targetKind: 'enterprise', limit: 5 })).rows[n];
      const id = (await wb.call('cases.create', { ...(await wb.call('cases.draftFrom', { kind: 'finding', id: finding.id })), openedAt: '2026-11-20' })).case.id;
      await wb.call('cases.act', { id, kind: 'filed', at: '2026-11-21', data: { number: `清环立字〔2026〕${90 + n}号` } });
      return id;
    };
    const officers = (await a.call('people.list', {})).filter((p) => p.active && p.certificateNo).slice(0, 2).map((p) => p.id);
    const order = async (wb: Laptop, id: string) => {
      const d = await wb.call('cases.issueDocument', { id, fields: { kind: 'order', officerIds: officers, facts: '未经处理直接排放生产废水', evidence: '现场检查笔录一份',
        violated: '《中华人民共和国水污染防治法》第三十九条', penaltyBasis: '', basis: '《中华人民共和国行政处罚法》第二十八条', requirement: '立即停止违法排放', deadline: '2027-01-30' } as never });
      return d.documents.at(-1)!.number;
    };
    const [caseA, caseB] = [await open(a, 0), await open(b, 1)];
    const prior = await hub.db.all<{ value: string }>("SELECT value FROM county_numbers WHERE kind = 'document:order'");
    const first = Math.max(0, ...prior.map((p) => Number(/〔2026〕(\d+)号/.exec(p.value)?.[1] ?? 0))) + 1;
    const n = (i: number) => `测环责改〔2026〕${first + i}号`;
    // Online, one after the other, neither having seen the other's document.
    expect(await order(a, caseA)).toBe(n(0));
    expect(await order(b, caseB)).toBe(n(1));
    // Offline (the hub cannot be reached): b numbers after the highest it holds; pushed later, the hub holds that number too.
    const url = readSyncState(b.store.db).hubUrl;
    writeSyncState(b.store.db, { hubUrl: 'http://127.0.0.1:9/' });
    expect(await order(b, caseB)).toBe(n(2));
    writeSyncState(b.store.db, { hubUrl: url });
    await syncNow(b.ctx);
    expect(await order(a, caseA)).toBe(n(3));
    // A town officer's device is not given one.
    const t = await enrolledLaptop(hub, 'zhou', { role: 'town', towns: ['x'] });
    await expect(hubDocumentNumber(t.store, 'order', '测环责改', '2026', 1)).rejects.toThrow('无权办理案件');
  });
});
