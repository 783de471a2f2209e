import { z } from 'zod';

export const Region = z.object({
  code: z.string(), name: z.string(), level: z.enum(['county', 'town', 'village']), parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof Region>;

export const Watershed = z.object({ id: z.string(), name: z.string() });
export type Watershed = z.infer<typeof Watershed>;

export const WaterBody = z.object({
  id: z.string(), name: z.string(), kind: z.enum(['河流', '湖泊', '水库', '沟渠', '其他']), watershedId: z.string().nullable(),
});
export type WaterBody = z.infer<typeof WaterBody>;

const name = z.string().trim().min(1, '请填写名称').max(50, '名称不能超过50个字');

/** Regions (统计用区划), watersheds and water bodies: small directories sent whole, and edited. */
export const placeProcedures = {
  'places.regions': { input: z.object({}).default({}), output: z.array(Region) },
  /** The town and village whose boundaries hold a point (WGS 84 / CGCS2000), as far as boundaries were imported (issue 20). */
  'places.at': { input: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }), output: z.object({ townCode: z.string().nullable(), villageCode: z.string().nullable() }) },
  'places.water': { input: z.object({}).default({}), output: z.object({ watersheds: z.array(Watershed), waterBodies: z.array(WaterBody) }) },
  'places.saveRegion': { input: z.object({ code: z.string().trim(), name }), output: Region },
  'places.saveWatershed': { input: z.object({ id: z.string().optional(), name }), output: Watershed },
  'places.saveWaterBody': {
    input: z.object({ id: z.string().optional(), name, kind: WaterBody.shape.kind, watershedId: z.string().nullable().default(null) }),
    output: WaterBody,
  },
} as const;
