import type { ObjectAccess } from '../../access/object-access';
import { AppError } from '../../platform/http/app-error';
import { SalesReportPeriod } from './report.dto';
import type { SatisfactionWindowDto } from './satisfaction.dto';
import { MONTHS, periodStart } from './periods';

/**
 * What the satisfaction report and the customers behind its figures share, so that both refuse the same window with
 * the same 400 and the same caller with the same 403.
 */

/** Order fields every figure reads: who bought, when, and (to leave cancellations out) the status. */
export const SATISFACTION_COUNT_FIELDS = ['accountId', 'orderDate', 'status', 'lines.productId'];
/** Longest window in periods: 10 years of months. */
const MAX_PERIODS = 120;

/** A window resolved to whole periods: the first day of its first and of its last period, and a period's months. */
export interface SatisfactionWindow {
  period: SalesReportPeriod;
  step: number;
  first: string;
  lastStart: string;
}

/** `from` … `to` as whole periods; 400 naming `to` when it is before `from`, `from` when the window is too long. */
export function satisfactionWindow(query: SatisfactionWindowDto): SatisfactionWindow {
  const period = query.period ?? SalesReportPeriod.Month;
  // ISO dates compare as strings.
  if (query.from > query.to) throw AppError.validation('to', 'must not be before from');
  const step = MONTHS[period];
  const first = periodStart(query.from, period);
  const lastStart = periodStart(query.to, period);
  const months = (Number(lastStart.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + Number(lastStart.slice(5, 7)) - Number(first.slice(5, 7));
  if (months / step + 1 > MAX_PERIODS) throw AppError.validation('from', `the window spans more than ${MAX_PERIODS} periods of a ${period}`);
  return { period, step, first, lastStart };
}

/** 403 unless the caller reads orders, with the count fields (and `extra`) in full. */
export function assertReadsSatisfactionOrders(orderAccess: ObjectAccess, extra: readonly string[] = []): void {
  orderAccess.assertMayAggregate([...SATISFACTION_COUNT_FIELDS, ...extra]);
}
