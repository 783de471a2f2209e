import { addWorkdays, type WorkCalendar } from '../domain/calendar';

/**
 * 双随机、一公开: the result of a random check is published (公示) within 20 working days of the check
 * (DOMAIN.md [H]: "other enforcement results within 20 working days"; 国务院办公厅关于推广随机抽查规范事中
 * 事后监管的通知 国办发〔2015〕58号 — 抽查结果及时向社会公开). The 公示 date is the day the result was
 * published, entered when it is (issue 19) — never the day a ledger is exported.
 */
export const PUBLISH_WITHIN_WORKDAYS = 20;

export type Publication = {
  /** The last day to publish: 20 working days after the check (null: not checked yet). */
  due: string | null;
  state: '未检查' | '待公示' | '已公示' | '逾期未公示' | '逾期公示';
};

export function publicationOf(checkedAt: string | null, publishedAt: string | null, today: string, cal: WorkCalendar): Publication {
  if (!checkedAt) return { due: null, state: '未检查' };
  const due = addWorkdays(checkedAt.slice(0, 10), PUBLISH_WITHIN_WORKDAYS, cal);
  if (publishedAt) return { due, state: publishedAt.slice(0, 10) > due ? '逾期公示' : '已公示' };
  return { due, state: today > due ? '逾期未公示' : '待公示' };
}
