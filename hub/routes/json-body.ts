import { HubRefusal } from '../services/hub-error';

/** How deep a request's JSON may nest: a change's fields hold a few levels; a crafted body holds thousands. */
export const MAX_JSON_DEPTH = 64;

/**
 * Parses a request body as JSON after checking its nesting without recursion, so a deep or broken
 * body is a 400 with a Chinese message, never a stack overflow or a 500.
 */
export function parseJsonBody(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92) i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 || ch === 91) { if (++depth > MAX_JSON_DEPTH) throw new HubRefusal(400, 'malformed', `请求的 JSON 嵌套超过 ${MAX_JSON_DEPTH} 层，已拒绝`); }
    else if (ch === 125 || ch === 93) depth--;
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HubRefusal(400, 'malformed', '请求内容不是有效的 JSON');
  }
}
