import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository's own source files and the imports between them, read from the files (no build). */
export const ROOT = join(__dirname, '..', '..', '..');

export function sources(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

export const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** Module specifiers a file imports (type-only imports included: they still tie the rooms together). */
export function imports(file: string): string[] {
  return [...read(file).matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s+['"]([^'"]+)['"]|(?:require|import)\(['"]([^'"]+)['"]\)/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The repository file a relative specifier names ('' for a package). */
export function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return '';
  const base = relative(ROOT, join(ROOT, file, '..', spec));
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(join(ROOT, c)) && statSync(join(ROOT, c)).isFile()) return c;
  }
  return base;
}

export type Graph = Map<string, string[]>;

export function graph(dirs: string[]): Graph {
  const g: Graph = new Map();
  for (const d of dirs) for (const f of sources(d)) g.set(f, imports(f).map((s) => target(f, s)).filter((t) => t !== ''));
  return g;
}

/** Strongly connected groups of more than one file (Tarjan): each is an import circle. */
export function circles(g: Graph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); group.push(w); } while (w !== v);
      if (group.length > 1) out.push(group.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/**
 * SQL written in a file: each prepare(…)/pragma(…) call, each exec(…) of a literal, and each piece of
 * SQL text (SELECT … FROM, INSERT INTO, UPDATE … SET, DELETE FROM, CREATE/DROP …). A RegExp's
 * `.exec(` is not SQL and is not counted.
 */
export function sqlStatements(file: string): string[] {
  const text = read(file);
  const found: string[] = [];
  const pattern = /\.(?:prepare|pragma)\(|\.(?:exec|query)\(\s*[`'"]|\b(?:SELECT\s[\s\S]{0,300}?\sFROM\s|INSERT\s+(?:OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(?:UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER|VIEW|TEMP)|DROP\s+(?:TABLE|INDEX|TRIGGER))/g;
  for (const m of text.matchAll(pattern)) found.push(m[0].slice(0, 40));
  return found;
}

/** Which layer a file of ours is in (DESIGN §1 and docs/ARCHITECTURE.md), or null outside the layered folders. */
export function layerOf(file: string): string | null {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('renderer/')) return 'renderer';
  if (file.startsWith('electron/store/')) return 'store';
  if (file.startsWith('electron/services/')) return 'services';
  if (file.startsWith('electron/core/')) return 'core';
  if (/^electron\/(commands\/|web\/|cli\.ts|main\.ts|preload\.ts|security\.ts)/.test(file)) return 'host';
  if (file.startsWith('hub/db/')) return 'hub-db';
  if (file.startsWith('hub/services/')) return 'hub-services';
  if (file.startsWith('hub/routes/') || file === 'hub/cli.ts') return 'hub-routes';
  if (file.startsWith('electron/') || file.startsWith('hub/')) return 'unlayered';
  return null;
}
