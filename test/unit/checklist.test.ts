import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerProblem, failingItems, isFailing, unansweredProblems, visibleItemIds } from '../../shared/checklist/answers';
import { deadlineFrom } from '../../shared/checklist/deadline-band';
import { parseTemplate } from '../../shared/checklist/parse';
import { itemsOf, type Item, type TemplateDefinition } from '../../shared/checklist/template';
import { idNumberProblem } from '../../shared/domain/id-number';

const DIR = join(__dirname, '..', '..', 'resources', 'checklists');
const builtin = (file: string) => {
  const r = parseTemplate(readFileSync(join(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.definition;
};
const item = (def: TemplateDefinition, id: string) => itemsOf(def).find((x) => x.item.id === id)!.item;

describe('checklist engine', () => {
  it('every built-in template validates, and each failing rule proposes a finding', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(8); // industrial and outfall-survey have a version 2 (issue 19: discharge limits); the 复查 form (issue 19)
    for (const f of files) {
      const def = builtin(f);
      for (const { item: i } of itemsOf(def)) if (i.failWhen) expect(i.finding?.description, `${f} ${i.id}`).toBeTruthy();
    }
    const dust = [builtin('construction-dust-v1.json'), builtin('construction-dust-v2.json')];
    expect(dust.map((d) => [d.code, d.version])).toEqual([['construction-dust', 1], ['construction-dust', 2]]);
    expect(itemsOf(dust[1]).filter(({ item: i }) => i.type === 'yesno').length).toBe(8); // 八个百分百
  });

  it('shows an item only when its conditions hold, and never when the item it depends on is hidden', () => {
    const def = builtin('industrial-v1.json');
    expect(visibleItemIds(def, {}).has('permit.valid')).toBe(false);
    expect(visibleItemIds(def, { 'permit.held': { value: 'yes', note: '' } }).has('permit.valid')).toBe(true);
    const outfall = builtin('outfall-survey-v1.json');
    expect(visibleItemIds(outfall, { 'check.discharging': { value: '未排水', note: '' } }).has('check.colour')).toBe(false);
    expect(visibleItemIds(outfall, { 'check.discharging': { value: '间歇排水', note: '' } }).has('check.colour')).toBe(true);
  });

  it('fails on the listed answers and on readings outside limits', () => {
    const def = builtin('industrial-v1.json');
    expect(isFailing(item(def, 'permit.held'), 'no')).toBe(true);
    expect(isFailing(item(def, 'permit.held'), 'yes')).toBe(false);
    expect(isFailing(item(def, 'emissions.ph'), 9.5)).toBe(true);
    expect(isFailing(item(def, 'emissions.ph'), 5.9)).toBe(true);
    expect(isFailing(item(def, 'emissions.ph'), 7)).toBe(false);
    expect(isFailing(item(def, 'outlets.sign'), '设置不规范')).toBe(true);
    // A failing answer to a hidden item does not count.
    expect(failingItems(def, { 'permit.valid': { value: 'no', note: '' } }).map((i) => i.id)).toEqual([]);
  });

  it('checks each answer by its type in Chinese', () => {
    const def = builtin('industrial-v1.json');
    expect(answerProblem(item(def, 'emissions.cod'), 'abc')).toBe('读数应为数字');
    expect(answerProblem(item(def, 'permit.held'), 'na')).toBe('应选择是或否');
    expect(answerProblem(item(def, 'outlets.sign'), '随便')).toBe('“随便”不是可选项');
    expect(answerProblem({ id: 'l', type: 'location', label: '位置', required: false } as Item, { lat: 48.8, lon: 2.3 })).toContain('不在中国境内');
    expect(answerProblem(item(def, 'hazwaste.stock'), -1)).toBe('不能小于 0吨');
  });

  it('lists what blocks finalizing: unanswered required items and too few photos', () => {
    const def = builtin('industrial-v1.json');
    const p = unansweredProblems(def, { 'permit.held': { value: 'yes', note: '' } }, { 'facilities.photo': 1 });
    expect(p['permit.valid']).toBe('必答题尚未作答');
    expect(p['outlets.photo']).toBe('至少需要 1 张照片');
    expect(p['facilities.photo']).toBeUndefined();
    expect(p['permit.number']).toBeUndefined();
  });

  it('refuses templates with unknown item types, missing conditions and duplicate ids, naming the place', () => {
    const base = { code: 'tt', version: 1, name: '测试', targetKinds: ['site'] };
    const bad = (items: unknown[]) => parseTemplate(JSON.stringify({ ...base, sections: [{ id: 's', title: '一', items }] }));
    const r1 = bad([{ id: 'a', type: 'slider', label: '甲' }]);
    expect(r1.ok ? [] : r1.problems).toEqual([expect.stringContaining('第1节第1题（a）')]);
    const r2 = bad([{ id: 'a', type: 'text', label: '甲' }, { id: 'a', type: 'text', label: '乙' }]);
    expect(r2.ok ? '' : r2.problems.join()).toContain('题目编号“a”重复');
    const r3 = bad([{ id: 'a', type: 'yesno', label: '甲', failWhen: { equals: 'no' } }]);
    expect(r3.ok ? '' : r3.problems.join()).toContain('需给出问题描述');
  });

  it('gives deadlines by band and checks 身份证号', () => {
    expect(deadlineFrom('2026-11-20', 'immediate')).toBe('2026-12-05');
    expect(deadlineFrom('2026-11-20', 'short')).toBe('2027-05-19');
    expect(idNumberProblem('360799198001010015')).toBeNull();
    expect(idNumberProblem('360799198001010016')).toBe('身份证号校验位不符，请核对');
    expect(idNumberProblem('360799198002300015')).toBe('身份证号中的出生日期无效');
    expect(idNumberProblem('12345')).toContain('18位');
  });
});
