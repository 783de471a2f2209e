import canonicalize from 'canonicalize';
import '../api/issues';
import { TemplateDefinition, placeOfPath } from './template';

export type ParsedTemplate = { ok: true; definition: TemplateDefinition; canonical: string } | { ok: false; problems: string[] };

/**
 * Reads a template from JSON text and validates it; problems name the place in Chinese
 * ("第2节第3题（permit.valid）：未知的题型…"). The canonical text (RFC 8785) is what gets hashed.
 */
export function parseTemplate(json: string): ParsedTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, problems: [`不是有效的 JSON 文件：${(e as Error).message}`] };
  }
  const parsed = TemplateDefinition.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((issue) => {
      if (issue.path[0] !== 'sections' || issue.path.length < 2) return `${issue.path.join('.') || '模板'}：${issue.message}`;
      const field = issue.path.slice(issue.path[2] === 'items' ? 4 : 2).join('.');
      return `${placeOfPath(raw, issue.path)}${field ? ` 的 ${field}` : ''}：${issue.message}`;
    });
    return { ok: false, problems };
  }
  return { ok: true, definition: parsed.data, canonical: canonicalTemplate(parsed.data) };
}

/** The canonical text (RFC 8785) of a validated definition: what its SHA-256 is taken over. */
export function canonicalTemplate(def: TemplateDefinition): string {
  return canonicalize(def) as string;
}
