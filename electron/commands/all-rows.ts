/** Every row of a paged list procedure, 500 at a time (a command prints or dumps the whole list). */
export async function allRows<T>(page: (offset: number, limit: number) => Promise<{ total: number; rows: T[] }>): Promise<{ total: number; rows: T[] }> {
  const rows: T[] = [];
  let total = 0;
  do {
    const p = await page(rows.length, 500);
    total = p.total;
    rows.push(...p.rows);
    if (!p.rows.length) break;
  } while (rows.length < total);
  return { total, rows };
}
