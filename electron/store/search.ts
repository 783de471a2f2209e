import { charPhrase } from './functions';

/**
 * Chinese substring search (DESIGN §4): terms of ≥3 characters go to the FTS5 trigram index,
 * shorter ones to the per-character index as a phrase (both are index lookups, never a scan); Latin
 * letters of ≥3 also to the names' pinyin index (initials and full pinyin).
 * Returns a WHERE fragment and its parameters.
 */
export function searchClause(q: string, table: string, alias: string): { sql: string; params: unknown[] } {
  const terms = q.split(/\s+/).filter(Boolean);
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3 && /[\p{L}\p{N}]/u.test(t)); // punctuation alone is not a term
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const t of long) {
    // Latin letters may be a name's pinyin (jcsn, jinchuan: issue 20) as well as a code's letters.
    const phrase = `"${t.replace(/"/g, '""')}"`;
    if (/^[a-z]+$/i.test(t) && PINYIN_TABLES.has(table)) {
      parts.push(`(${alias}.rowid IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?) OR ${alias}.rowid IN (SELECT rowid FROM ${table}_py WHERE ${table}_py MATCH ?))`);
      params.push(phrase, phrase.toLowerCase());
    } else {
      parts.push(`${alias}.rowid IN (SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ?)`);
      params.push(phrase);
    }
  }
  if (short.length) {
    parts.push(`${alias}.rowid IN (SELECT rowid FROM ${table}_chars WHERE ${table}_chars MATCH ?)`);
    params.push(short.map(charPhrase).join(' AND '));
  }
  return { sql: parts.join(' AND '), params };
}

/** The tables with a pinyin index of their names (migration 0250). */
const PINYIN_TABLES = new Set(['enterprises', 'outfalls']);

/** Collects WHERE fragments (fixed SQL text) with their bound values. */
export function whereBuilder() {
  const parts: string[] = [];
  const params: unknown[] = [];
  return {
    add(sql: string, ...values: unknown[]) { parts.push(sql); params.push(...values); },
    get sql() { return parts.length ? `WHERE ${parts.join(' AND ')}` : ''; },
    params,
  };
}
