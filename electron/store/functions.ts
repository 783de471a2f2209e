import type { Database } from 'better-sqlite3';
import { pinyin } from 'pinyin-pro';
import { pinyinSortKey } from './sort-key';

/**
 * SQL functions our triggers and generated columns use (qs_sortkey: see sort-key.ts); registered on every connection before anything is written.
 * qs_chars('丰泽Ab') = '丰 泽 a b': one token per character, so a 1–2 character search is an
 * FTS5 phrase query ("丰 泽") instead of a LIKE scan over every row.
 */
export function registerFunctions(db: Database): void {
  db.function('qs_chars', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? [...text.toLowerCase()].filter((c) => c.trim() !== '').join(' ') : null);
  db.function('qs_sortkey', { deterministic: true }, pinyinSortKey);
  db.function('qs_pinyin', { deterministic: true }, namePinyin);
}

/**
 * A name as Chinese users type it in search boxes (issue 20): its pinyin initials and its full pinyin,
 * e.g. 金川水泥 → 'jcsn jinchuanshuini' (pinyin-pro, with its phrase-aware readings of polyphones).
 */
export function namePinyin(text: unknown): string | null {
  if (typeof text !== 'string' || !text) return null;
  const keep = (parts: string[]) => parts.join('').toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${keep(pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }))} ${keep(pinyin(text, { toneType: 'none', type: 'array' }))}`;
}

/** The FTS5 query for a short term: its characters as one phrase. */
export function charPhrase(term: string): string {
  return `"${[...term.toLowerCase()].filter((c) => c.trim() !== '').map((c) => (c === '"' ? '""' : c)).join(' ')}"`;
}
