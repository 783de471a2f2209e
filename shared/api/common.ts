import { z } from 'zod';

export const Id = z.string().min(1, '缺少记录编号');
export const SortDir = z.enum(['asc', 'desc']);
export const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
export const CoordinateSystem = z.enum(['WGS84', 'CGCS2000', 'GCJ02', 'BD09']);
export const nullableText = z.string().trim().max(500).nullable().transform((v) => (v === '' ? null : v));

/** A calendar date (yyyy-mm-dd) or none, named in its message. */
export const dayOrNull = (what: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${what}应为日期（yyyy-mm-dd）`).nullable().default(null);
export const text = (max = 500) => z.string().trim().max(max, `内容不能超过${max}个字`);
export const RecordMeta = { id: z.string(), createdAt: z.string(), updatedAt: z.string(), deleted: z.boolean() };

/**
 * The patch schema of a draft: every field optional and **no defaults applied** — zod's
 * `.partial()` still fills `.default()`s in, which would reset fields a patch does not name.
 */
export function patchOf<T extends z.ZodRawShape>(draft: z.ZodObject<T>): ReturnType<z.ZodObject<T>['partial']> {
  const shape = Object.fromEntries(
    Object.entries(draft.shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional()]),
  );
  return z.object(shape) as unknown as ReturnType<z.ZodObject<T>['partial']>;
}

/**
 * A file handed in with a form: its bytes as base64 (photos, scans up to 50 MB), or the name of an
 * upload the host received as a stream (a recording of any length, issue 19) — exactly one of the two.
 */
export const HandedFile = z.object({
  name: z.string().trim().max(200).default('文件'),
  base64: z.string().max(72_000_000, '文件超过 50 MB：更大的录音录像请以文件上传').optional(),
  upload: z.string().regex(/^[0-9a-f]{32}\.[a-z0-9]{2,5}$/, '上传文件的名称无效').optional(),
}).refine((f) => (f.base64 ? 1 : 0) + (f.upload ? 1 : 0) === 1, '文件内容缺失');
export type HandedFile = z.infer<typeof HandedFile>;
