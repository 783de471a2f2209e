import { readFileSync } from 'node:fs';

/*
 * Chromium writes some Noto CJK glyphs into a PDF's text layer as radical code points: the Kangxi
 * radicals (⼈ for 人; NFKC maps them back) and the CJK Radicals Supplement (⻚ for 页, no NFKC mapping).
 */
const SUPPLEMENT: Record<string, string> = {
  '⻚': '页', '⻩': '黄', '⻰': '龙', '⻓': '长', '⻔': '门', '⻢': '马', '⻋': '车', '⻅': '见', '⻛': '风', '⻜': '飞', '⻉': '贝',
  '⻄': '西', '⻘': '青', '⻬': '齐', '⻳': '龟', '⻨': '麦', '⻥': '鱼', '⻦': '鸟', '⻖': '阝', '⻆': '角', '⻙': '韦',
};

/** Text as compared with a PDF's: NFKC, radicals mapped to their characters, no white space (letter-spaced titles read 现 场 检 查). */
export function pdfNormal(text: string): string {
  return text.normalize('NFKC').replace(/[\u2E80-\u2EFF]/g, (c) => SUPPLEMENT[c] ?? c).replace(/\s+/g, '');
}

/** The text of each page of a PDF as PDF.js reads it (what a court's reader or a search would see), normalized by `pdfNormal`. */
export async function pdfPages(file: string): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(pdfNormal(content.items.map((x) => ('str' in x ? x.str : '')).join('')));
  }
  await doc.destroy();
  return pages;
}
