import { z } from 'zod';
import { DISCHARGE_STANDARD_CHOICES, POLLUTANT_KEYS, type Pollutant } from '../standards/discharge-standards';

/**
 * An enterprise's or outfall's 执行标准 (issue 19): one of the national standards' grades, or its permit's
 * (or a sector's or province's) limits entered per pollutant; null: not set (not judged automatically).
 */
export const DischargeStandardId = z.enum(DISCHARGE_STANDARD_CHOICES.map((c) => c.id) as [string, ...string[]], { error: '请从列表中选择执行标准' });

const limitValue = z.number().min(0, '限值不能为负').max(100_000);
const Limit = z.object({ min: limitValue.optional(), max: limitValue.optional() }).refine((l) => l.min === undefined || l.max === undefined || l.min <= l.max, '下限不能大于上限');

/** Limits entered for one target: the standard's name to print and at least one pollutant's limit. */
export const PermitLimits = z.object({
  standardName: z.string().trim().min(1, '请填写限值依据（如排污许可证编号或行业标准名称）').max(100),
  ...Object.fromEntries(POLLUTANT_KEYS.map((k) => [k, Limit.optional()])) as Record<Pollutant, z.ZodOptional<typeof Limit>>,
}).refine((p) => POLLUTANT_KEYS.some((k) => p[k]?.max !== undefined || p[k]?.min !== undefined), '请至少填写一项污染物的限值');

export const dischargeFields = {
  dischargeStandard: DischargeStandardId.nullable().default(null),
  permitLimits: PermitLimits.nullable().default(null),
};
