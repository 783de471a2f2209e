import { z } from 'zod';

export const Id = z.string().min(1, '缺少记录编号');
export const SortDir = z.enum(['asc', 'desc']);
export const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) };
export const CoordinateSystem = z.enum(['WGS84', 'CGCS2000', 'GCJ02', 'BD09']);
export const nullableText = z.string().trim().max(500).nullable().transform((v) => (v === '' ? null : v));
export const text = (max = 500) => z.string().trim().max(max, `内容不能超过${max}个字`);
export const RecordMeta = { id: z.string(), createdAt: z.string(), updatedAt: z.string(), deleted: z.boolean() };
