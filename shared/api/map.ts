import { z } from 'zod';
import { StagedName } from './ledgers';

/** Parallel arrays (compact for 30,000 markers): index i is one target. */
const Points = z.object({
  ids: z.array(z.string()), names: z.array(z.string()), lon: z.array(z.number()), lat: z.array(z.number()),
  status: z.array(z.number()), town: z.array(z.string()), watershed: z.array(z.string()), detail: z.array(z.string()),
});
export type Points = z.infer<typeof Points>;

export const Unlocated = z.object({ total: z.number(), first: z.array(z.object({ id: z.string(), name: z.string() })) });

export const BasemapInfo = z.object({
  path: z.string(), name: z.string(), format: z.enum(['png', 'jpg', 'webp']), scheme: z.enum(['tms', 'xyz']),
  minzoom: z.number(), maxzoom: z.number(), bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(), tiles: z.number(),
});
export type BasemapInfo = z.infer<typeof BasemapInfo>;

export const mapProcedures = {
  /** Town/village boundaries, watersheds and rivers from a GeoJSON file a host staged: all features or none. */
  'map.importBoundaries': {
    input: z.object({ staged: StagedName, fileName: z.string().max(1000), crs: z.enum(['CGCS2000', 'WGS84', 'GCJ02', 'BD09']).default('CGCS2000'), dryRun: z.boolean().default(true) }),
    output: z.object({ features: z.number(), matched: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string() })), problems: z.array(z.string()), committed: z.boolean() }),
  },
  /** Boundaries, rivers and watersheds from the workspace (GeoJSON geometries). */
  'map.layers': {
    input: z.object({}).default({}),
    output: z.array(z.object({ id: z.string(), kind: z.enum(['town', 'village', 'watershed', 'river', 'lake']), name: z.string(), geometry: z.unknown() })),
  },
  /** Every enterprise and outfall with a position, its status (index in TARGET_STATUSES), and those without one. */
  'map.points': {
    input: z.object({}).default({}),
    output: z.object({ enterprises: Points, outfalls: Points, unlocated: z.object({ enterprises: Unlocated, outfalls: Unlocated }) }),
  },
  'map.basemap': { input: z.object({}).default({}), output: z.object({ info: BasemapInfo.nullable(), problem: z.string().nullable() }) },
  /** Chooses the tile package (an .mbtiles file on this computer), or none. */
  'map.setBasemap': {
    /** A path on this computer, or (chosen with the file picker, issue 20) a tile package handed in and kept in the data folder's basemaps/. */
    input: z.object({ path: z.string().trim().max(1000).default(''), upload: z.string().regex(/^[0-9a-f]{32}\.mbtiles$/, '上传文件的名称无效').optional(), fileName: z.string().max(200).optional() }),
    output: z.object({ info: BasemapInfo.nullable(), problem: z.string().nullable() }),
  },
} as const;
