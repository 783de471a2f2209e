/** The query part of the hash route: '#/findings?overdue=1&townCode=…'. */
export function hashQuery(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '');
}

/**
 * Filters a dashboard figure links to: when the route carries a query, it replaces the list's kept
 * filters (so the list shows exactly the figure's records).
 */
export function seedFiltersFromHash<F extends Record<string, string | boolean>>(key: string, empty: F): void {
  const q = hashQuery();
  if ([...q.keys()].length === 0) return;
  const f: Record<string, string | boolean> = { ...empty };
  for (const [k, v] of q) if (k in empty) f[k] = typeof empty[k] === 'boolean' ? v === '1' : v;
  sessionStorage.setItem(`qingshui.${key}Filters`, JSON.stringify(f));
}
