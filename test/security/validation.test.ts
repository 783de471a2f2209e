import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { countyLaptop, enrolledLaptop, startHub } from '../integration/sync-helpers';
import { forge } from './forge';

describe.each(['sqlite', 'pg'] as const)('the hub validates every change it is sent (%s)', (kind) => {
  it('an unknown kind or field, a value of the wrong type or size is quarantined with its name and never reaches another laptop', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub);
    await syncNow(a.ctx);
    const id = a.store.db.prepare('SELECT id FROM enterprises ORDER BY id LIMIT 1').pluck().get() as string;
    forge(a, 'malware', 'x-1', { payload: 'rm -rf /' });
    forge(a, 'enterprise', id, { note: '正常', hidden: '<img src=x onerror=alert(1)>' });
    forge(a, 'enterprise', id, { lon: 'east' });
    forge(a, 'enterprise', id, { name: '名'.repeat(5000) });
    forge(a, 'inspection_photo', 'p-1', { sha256: '../../../etc/passwd' });
    const r = await syncNow(a.ctx);
    expect(r.quarantined).toBe(5);
    const reasons = (await a.call('sync.rejected', {})).map((x: { reason: string }) => x.reason).join('\n');
    for (const words of ['未知的记录类型“malware”', '没有字段 “hidden”', '“lon”', '“name”', 'SHA-256']) expect(reasons).toContain(words);
    expect(await hub.db.one("SELECT 1 AS ok FROM changes WHERE entity = 'malware' OR fields LIKE '%onerror%'")).toBeUndefined();
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    await syncNow(b.ctx);
    expect(await b.call('sync.rejected', {})).toEqual([]);
  });

  it('records which account’s device pushed each change, whatever author the change names, and 修改记录 shows it', async () => {
    const hub = await startHub(kind);
    const a = await countyLaptop(hub);
    await syncNow(a.ctx);
    const b = await enrolledLaptop(hub, 'wang', { role: 'inspector' });
    await syncNow(b.ctx);
    const id = a.store.db.prepare('SELECT id FROM enterprises ORDER BY id LIMIT 1').pluck().get() as string;
    // Written under a name that is not the account's (a laptop may say anything about its author).
    const base = JSON.parse(a.store.db.prepare("SELECT heads FROM (SELECT json_object('note', json_array(max(hlc))) AS heads FROM changes WHERE entity = 'enterprise' AND entity_id = ?)").pluck().get(id) as string);
    forge(a, 'enterprise', id, { note: '局长说不用查了' }, base);
    await syncNow(a.ctx);
    expect((await hub.db.one<{ pushed_by: string }>("SELECT pushed_by FROM changes WHERE entity = 'enterprise' AND entity_id = $1 ORDER BY hub_seq DESC LIMIT 1", [id]))!.pushed_by).toBe('admin');
    await syncNow(b.ctx);
    const history = await b.call('workspace.history', { entity: 'enterprise', id });
    expect(history[0]).toMatchObject({ author: 'forged', pushedBy: 'admin', fields: { note: '局长说不用查了' } });
  });
});
