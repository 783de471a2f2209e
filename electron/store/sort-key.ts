import { createHash } from 'node:crypto';

/**
 * Pinyin order for names (as Excel/WPS sort Chinese in a zh-CN locale), as a text key SQLite can
 * index: per character, '1'+code for digits and Latin letters, '2'+pinyin rank for CJK, '3'+code
 * for the rest. Ranks come from ICU's zh-CN pinyin collation.
 */
let ranks: Map<string, string> | null = null;
let version: string | null = null;

function rankTable(): Map<string, string> {
  if (ranks) return ranks;
  const chars: string[] = [];
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) chars.push(String.fromCharCode(cp));
  chars.sort(new Intl.Collator('zh-CN-u-co-pinyin').compare);
  ranks = new Map(chars.map((c, i) => [c, i.toString(36).padStart(3, '0')]));
  version = createHash('sha1').update(chars.join('')).digest('hex').slice(0, 16);
  return ranks;
}

/** The sort key of a name; null stays null. */
export function pinyinSortKey(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const table = rankTable();
  let key = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const rank = table.get(ch);
    if (rank) key += `2${rank}`;
    else {
      const cp = ch.codePointAt(0)!;
      const code = cp > 0xffff ? 'zzzz' : cp.toString(36).padStart(4, '0');
      key += /[0-9a-z]/.test(ch) ? `1${code}` : `3${code}`;
    }
  }
  return key;
}

/** Identifies the ranking in force; when it changes (another ICU), indexes on the key are rebuilt. */
export function sortKeyVersion(): string {
  rankTable();
  return version!;
}

/** The ICU build in force; the same build always gives the same ranking. */
export function collationRuntime(): string {
  return `icu ${process.versions.icu ?? '?'} unicode ${process.versions.unicode ?? '?'}`;
}
