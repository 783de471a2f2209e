/** The tile a `/tiles/{z}/{x}/{y}` path asks for (zoom 0–22, x and y inside that zoom), or null. */
export function tileOfPath(pathname: string): { z: number; x: number; y: number } | null {
  const m = pathname.match(/^\/tiles\/(\d{1,2})\/(\d{1,7})\/(\d{1,7})(?:\.(?:png|jpg|webp))?$/);
  if (!m) return null;
  const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return z <= 22 && x < 2 ** z && y < 2 ** z ? { z, x, y } : null;
}
