import { describe, expect, it } from 'vitest';
import { syncNow } from '../../electron/services/sync';
import { sha256Of } from '../../electron/store/blob-store';
import { RECORD_EVENT } from '../../electron/store/entities';
import { appendEvent } from '../../electron/store/events';
import { countyLaptop, startHub } from '../integration/sync-helpers';

/*
 * Enforcement documents at the hub (issue 19): a document travels as its case's `document` event and
 * is taken only when its text hashes to its hash and its device signature holds; an event once taken
 * is never edited. Each attacked as a crafted laptop would.
 */
describe('enforcement documents at the hub', () => {
  it('takes signed documents, refuses an altered or re-hashed one, and refuses an edit of an event it holds', async () => {
    process.env.QINGSHUI_TODAY = '2026-11-28';
    try {
      const hub = await startHub('sqlite');
      const a = await countyLaptop(hub);
      const officers = (await a.call('people.list', {})).filter((p) => p.active && p.certificateNo).slice(0, 2).map((p) => p.id);
      const c = await a.call('cases.create', { sourceKind: 'other', party: '清水县某化工有限公司', facts: '未经处理排放生产废水', openedAt: '2026-11-01' });
      const id = c.case.id;
      await a.call('cases.act', { id, kind: 'filed', at: '2026-11-02', data: { number: '清环立字〔2026〕3号' } });
      const core = { officerIds: officers, facts: '未经处理排放生产废水', evidence: '现场检查（勘察）笔录', violated: '《中华人民共和国水污染防治法》第三十九条' };
      const remedies = { reviewBody: '清水县人民政府', court: '清水县人民法院' };
      await a.call('cases.issueDocument', { id, number: '清环责改〔2026〕7号', remedies, fields: { kind: 'order', ...core, basis: '《中华人民共和国行政处罚法》第二十八条', requirement: '停止排放', deadline: '2026-12-10' } });
      expect((await syncNow(a.ctx)).quarantined).toBe(0);

      // Two more documents, altered in the laptop's outgoing log: one in place, one re-hashed (its signature no longer holds).
      await a.call('cases.issueDocument', { id, number: '清环罚告〔2026〕7号', remedies, fields: { kind: 'notice', ...core, penaltyBasis: '第八十三条', proposed: '罚款十万元', amount: 100000, hearing: true, contact: '张科长', address: '环城路1号' } });
      await a.call('cases.issueDocument', { id, number: '清环责改〔2026〕8号', remedies, fields: { kind: 'order', ...core, basis: '第二十八条', requirement: '拆除暗管', deadline: '2026-12-20' } });
      const rows = a.store.db.prepare("SELECT seq, fields FROM changes WHERE entity = 'record_event' AND json_extract(fields, '$.kind') = 'document' ORDER BY seq DESC LIMIT 2").all() as { seq: number; fields: string }[];
      const alter = (row: { seq: number; fields: string }, rehash: boolean) => {
        const f = JSON.parse(row.fields) as { data: Record<string, unknown> };
        const canonical = String(f.data.canonical).replace('十万元', '一万元').replace('拆除暗管', '限期拆除');
        const data = { ...f.data, canonical, ...(rehash ? { sha256: sha256Of(canonical) } : {}) };
        a.store.db.prepare('UPDATE changes SET fields = ? WHERE seq = ?').run(JSON.stringify({ ...f, data }), row.seq);
      };
      alter(rows[0], true);
      alter(rows[1], false);
      // And an edit of the 立案 event the hub already holds (the append-only trigger dropped by the forger).
      a.store.db.exec('DROP TRIGGER record_events_append_only');
      const filedId = a.store.db.prepare("SELECT id FROM record_events WHERE stream = 'case' AND kind = 'filed'").pluck().get() as string;
      a.store.write(RECORD_EVENT, filedId, { at: '2026-11-01' }, 'system');
      // And a fine decided with no 决定书 at all, written straight into the log (the laptop's service refuses it).
      appendEvent(a.store, 'bare-penalty', { stream: 'case', streamId: id, kind: 'decided', at: '2026-11-20', text: '', data: { kind: 'penalty', number: '清环罚〔2026〕99号', amount: 500000, legalBasis: '', content: '罚款' }, blobs: [] }, 'system');
      expect((await syncNow(a.ctx)).quarantined).toBe(4);
      const held = (await hub.db.all<{ reason: string }>('SELECT reason FROM quarantine')).map((h) => h.reason);
      expect(held).toContain('执法文书的内容与其 SHA-256 不符（文书已被改动），已拒收');
      expect(held).toContain('执法文书的设备签名与其内容不符（文书被改动后重算了哈希，或签名伪造），已拒收');
      expect(held).toContain('处理记录一经写入不能修改或删除（更正请追加新的记录），已拒收');
      expect(held).toContain('行政处罚决定须以案卷中的《行政处罚决定书》作出，已拒收');
    } finally {
      delete process.env.QINGSHUI_TODAY;
    }
  });
});
