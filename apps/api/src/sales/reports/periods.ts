import { SalesReportPeriod } from './report.dto';

/** Calendar periods as whole months, so that one date arithmetic serves all three. */
export const MONTHS: Record<SalesReportPeriod, number> = {
  [SalesReportPeriod.Month]: 1,
  [SalesReportPeriod.Quarter]: 3,
  [SalesReportPeriod.Year]: 12,
};

/** The first day of the period `date` (YYYY-MM-DD) falls in. */
export function periodStart(date: string, period: SalesReportPeriod): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const first = period === SalesReportPeriod.Year ? 1 : period === SalesReportPeriod.Quarter ? month - ((month - 1) % 3) : month;
  return iso(year, first, 1);
}

/** `date` + `months` months (a first of the month stays one), then + `days` days. */
export function addMonths(date: string, months: number, days = 0): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + months, Number(date.slice(8, 10)) + days));
  return d.toISOString().slice(0, 10);
}

/** `2026-03`, `2026-Q1` or `2026`, as the sales report keys its periods. */
export function periodKey(start: string, period: SalesReportPeriod): string {
  switch (period) {
    case SalesReportPeriod.Year:
      return start.slice(0, 4);
    case SalesReportPeriod.Quarter:
      return `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
    case SalesReportPeriod.Month:
      return start.slice(0, 7);
  }
}

const iso = (year: number, month: number, day: number): string => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
