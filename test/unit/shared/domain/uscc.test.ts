import { describe, expect, it } from 'vitest';
import { checkUscc, completeUscc, usccCheckCharacter } from '../../../../shared/domain/uscc';

describe('统一社会信用代码 (GB 32100)', () => {
  it('accepts the handbook example and computes its check character', () => {
    const r = checkUscc('91130200699229617X');
    expect(r).toMatchObject({ ok: true, checkMatches: true, expectedCheck: 'X' });
    expect(usccCheckCharacter('91130200699229617')).toBe('X');
  });

  it('keeps a code whose check character is wrong, flagged (warn, do not block)', () => {
    expect(checkUscc('91130200699229617Y')).toMatchObject({ ok: true, checkMatches: false, expectedCheck: 'X' });
  });

  it('normalises case and spaces', () => {
    expect(checkUscc(' 91130200699229617x ')).toMatchObject({ ok: true, code: '91130200699229617X' });
  });

  it.each([
    ['9113020069922961', '应为18位'],
    ['91130200699229617XX', '应为18位'],
    ['9113020069922961IX', '不允许的字符“I”'],
    ['91ABCDEF699229617X', '行政区划代码'],
  ])('refuses %s with a message naming the problem', (code, message) => {
    const r = checkUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('completes 17 characters into a valid code', () => {
    const code = completeUscc('91360799MA35ABCD1');
    expect(checkUscc(code)).toMatchObject({ ok: true, checkMatches: true });
  });

  it('maps check value 31 to 0', () => {
    // brute-force a prefix whose weighted sum is ≡ 0 (mod 31): the check character must be '0'
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const found = [...alphabet].map((c) => `91360799MA35ABCD${c}`).find((p) => usccCheckCharacter(p) === '0');
    expect(found).toBeDefined();
  });
});
