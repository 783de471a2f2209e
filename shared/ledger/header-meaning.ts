/*
 * Matching a sheet's header to a register's fields by meaning (issue 20): bureaus and provinces word
 * the same column many ways (所在乡镇 / 乡镇(街道) / 镇街 / 所属镇（街道）; 排入水体 / 受纳水体 / 入河（湖）
 * 名称), with units, stars and line breaks. A header is normalised, then each field's known wordings are
 * tried whole and its key words in any order; the share of the header the words explain is the score.
 * Hand-written: the lexicon is ours and small, and no library knows these words.
 */

/** Units written after a header, in brackets: dropped before matching ((km), (m³/d), (°), (万元)…). */
const UNIT = /\((?:km|公里|千米|m|米|m3\/d|m3\/h|m3\/s|l\/s|t\/d|t\/a|吨\/日|吨\/年|立方米\/日|立方米\/天|°|万元|元|个|家|%|mg\/l|kg|t|亩|人)\)$/i;

/** A header text made comparable: NFKC (full → half width, ³ → 3), no spaces, stars, quotes or brackets; a trailing unit dropped. */
export function normalHeader(s: string): string {
  let t = s.normalize('NFKC').replace(/[\s\u3000]/g, '').replace(/[*＊※「」『』【】"“”'‘’]/g, '').toLowerCase();
  while (UNIT.test(t)) t = t.replace(UNIT, '');
  return t.replace(/[()[\]{}〔〕<>《》:：]/g, '');
}

/** Words that add nothing to a header's meaning (所在乡镇 means 乡镇): they do not count against a match. */
const FILLERS = ['所在地', '所在', '所属', '位置', '具体', '详细', '情况', '信息', '基本', '当前', '现状', '填写', '是否'];

/** A field's lexicon: wordings known whole, and sets of key words that name it in any order. */
export type FieldLexicon = { names: string[]; words?: string[][] };

export type Scored = { field: string; score: number };

/** Takes each word out of `text` once, in order; null when one is missing (so 经度 does not also count as 度). */
function consume(text: string, words: string[]): string | null {
  let rest = text;
  for (const w of words) {
    const at = rest.indexOf(w);
    if (at < 0) return null;
    rest = rest.slice(0, at) + '\u0000' + rest.slice(at + w.length);
  }
  return rest;
}

/** How well a (normalised) header names a field: 1 for a known wording, else the share its key words explain. */
export function fieldScore(header: string, lex: FieldLexicon): number {
  if (!header) return 0;
  if (lex.names.some((n) => normalHeader(n) === header)) return 1;
  let best = 0;
  for (const set of lex.words ?? []) {
    const rest = consume(header, set);
    if (rest === null) continue;
    const left = FILLERS.reduce((r, f) => r.split(f).join(''), rest.replace(/\u0000/g, ''));
    const explained = set.join('').length;
    best = Math.max(best, explained / (explained + left.length));
  }
  return best;
}

/** The fields a header may name, best first (score above 0). */
export function rankFields(header: string, lexicon: Record<string, FieldLexicon>): Scored[] {
  const h = normalHeader(header);
  return Object.entries(lexicon).map(([field, lex]) => ({ field, score: fieldScore(h, lex) }))
    .filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
}

/** A score from which a column is read as the field without asking; below it (but above SUGGEST) it is offered in 列对应. */
export const AUTO = 0.6;
export const SUGGEST = 0.25;
