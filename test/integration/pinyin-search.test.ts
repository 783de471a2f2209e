import { describe, expect, it } from 'vitest';
import { namePinyin } from '../../electron/store/functions';
import { demoWorkbench, enterpriseDraft } from './helpers';

describe('search by pinyin (issue 20)', () => {
  it('finds a name by its pinyin initials and by its full pinyin, as typed in other Chinese tools', async () => {
    expect(namePinyin('清水县金川水泥厂')).toBe('qsxjcsnc qingshuixianjinchuanshuinichang');
    const wb = await demoWorkbench();
    const made = await wb.call('enterprises.create', await enterpriseDraft(wb, { name: '清水县金川水泥有限公司' }));
    for (const q of ['jcsn', 'jinchuan', 'JinChuan', 'jinchuanshuini']) {
      const rows = (await wb.call('enterprises.list', { q, limit: 50 })).rows.map((r) => r.id);
      expect(rows, q).toContain(made.enterprise.id);
    }
    // A renamed unit is found by its new name's pinyin, not the old one's.
    await wb.call('enterprises.update', { id: made.enterprise.id, patch: { name: '清水县银河建材有限公司' } });
    expect((await wb.call('enterprises.list', { q: 'yhjc', limit: 50 })).rows.map((r) => r.id)).toContain(made.enterprise.id);
    expect((await wb.call('enterprises.list', { q: 'jcsn', limit: 50 })).rows.map((r) => r.id)).not.toContain(made.enterprise.id);
    // Chinese and codes are searched as before.
    expect((await wb.call('enterprises.list', { q: '银河建材', limit: 5 })).rows.map((r) => r.id)).toContain(made.enterprise.id);
  });

  it('finds an outfall by pinyin too', async () => {
    const wb = await demoWorkbench();
    const o = (await wb.call('outfalls.list', { limit: 1 })).rows[0];
    const initials = namePinyin(o.name)!.split(' ')[0];
    expect((await wb.call('outfalls.list', { q: initials.slice(0, 6), limit: 200 })).rows.map((r) => r.id)).toContain(o.id);
  });
});
