import { describe, expect, it } from 'vitest';
import { circles, graph, imports, layerOf, sources, sqlStatements, target } from './architecture/graph';

/**
 * The inner house (issue «One house», docs/ARCHITECTURE.md): each layer imports only the layers below
 * it, SQL lives only in the store (laptop) and hub/db (hub), and no import runs in a circle.
 */
const MAY_IMPORT: Record<string, string[]> = {
  shared: ['shared'],
  store: ['store', 'shared'],
  services: ['services', 'store', 'shared'],
  core: ['core', 'services', 'store', 'shared'],
  host: ['host', 'core', 'shared'],
  renderer: ['renderer', 'shared'],
  'hub-db': ['hub-db', 'shared'],
  'hub-services': ['hub-services', 'hub-db', 'shared'],
  'hub-routes': ['hub-routes', 'hub-services', 'shared'],
};

const ALL = ['shared', 'renderer', 'electron', 'hub'];

describe('the inner layers', () => {
  it('every source file of electron/ and hub/ is in a layer', () => {
    const loose = [...sources('electron'), ...sources('hub')].filter((f) => layerOf(f) === 'unlayered');
    expect(loose, `files outside store/, services/, core/, the hosts, hub/db, hub/services, hub/routes: ${loose.join(', ')}`).toEqual([]);
  });

  it('each layer imports only itself and the layers below it (store ← services ← core ← hosts; hub: db ← services ← routes)', () => {
    const wrong: string[] = [];
    for (const dir of ALL) {
      for (const file of sources(dir)) {
        const from = layerOf(file);
        if (!from || !MAY_IMPORT[from]) continue;
        for (const spec of imports(file)) {
          const to = layerOf(target(file, spec));
          if (to && !MAY_IMPORT[from].includes(to)) wrong.push(`${file} (${from}) → ${spec} (${to})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('SQL is written only in electron/store/ and hub/db/', () => {
    const outside: string[] = [];
    for (const dir of ALL) {
      for (const file of sources(dir)) {
        if (file.startsWith('electron/store/') || file.startsWith('hub/db/')) continue;
        for (const s of sqlStatements(file)) outside.push(`${file}: ${s}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('no import runs in a circle', () => {
    expect(circles(graph(ALL)).map((c) => c.join(' → '))).toEqual([]);
  });
});

describe('the services', () => {
  it('reach another feature folder only through its index (services/findings/index, not services/findings/refresh)', () => {
    const folderOf = (file: string): string | null => /^electron\/services\/([^/]+)\//.exec(file)?.[1] ?? null;
    const wrong: string[] = [];
    for (const file of sources('electron')) {
      for (const spec of imports(file)) {
        const to = target(file, spec);
        const folder = folderOf(to);
        if (!folder || folderOf(file) === folder) continue;
        if (!/\/index\.tsx?$/.test(to)) wrong.push(`${file} → ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
