/**
 * What a laptop's data is complete for: the towns it has received every change of, up to its cursor
 * (null: all of them). A page read while its account had fewer towns (an admin took one away for a
 * while) leaves it incomplete for the others; when the account covers a town it is not complete for,
 * the next sync takes a snapshot again.
 */
export type Area = string[] | null;

/** The area after a page filtered by `towns` (null: not filtered; undefined: an older hub that does not say). */
export function narrowed(area: Area, towns: string[] | null | undefined): Area {
  if (towns === undefined || towns === null) return area;
  return area === null ? [...towns] : area.filter((t) => towns.includes(t));
}

/** Whether an account of this role and towns sees more than the data is complete for. */
export function widens(area: Area, role: string, towns: string[]): boolean {
  if (area === null) return false;
  return role !== 'town' || towns.some((t) => !area.includes(t));
}
