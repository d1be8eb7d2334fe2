import { InputError } from '../input-error';
import { checkNumber, checkNumbers } from './check';

/**
 * Historic customer lifetime value and profitability (R-ANA-5). The seed course notes compute CLV in four steps —
 * fix the customer's lifecycle, take each year's net profit, discount each year, sum — and define
 *   profitability = all revenue − all costs (transactional, channel, delivery, service …),
 *   contribution  = all revenue − direct costs.
 * Kumar & Reinartz (2006, "Customer Relationship Management", ch. 6) call the same sum brought forward to today
 * the past customer value; both are returned (they differ by the factor (1 + d)^(n − 1)).
 */
export interface CustomerYears {
  /** Per lifecycle year, oldest first (index 0 = the year of acquisition). Plain numbers, one currency. */
  revenue: ArrayLike<number>;
  /** Costs caused by this customer's purchases (cost of goods, delivery, commissions). */
  directCost: ArrayLike<number>;
  /** Costs allocated to the customer (service, marketing, account management, channel). */
  indirectCost: ArrayLike<number>;
}

export interface HistoricClv {
  /** revenue − direct − indirect cost of each year. */
  yearlyNetProfit: number[];
  /** Σ revenue − Σ all costs. */
  profitability: number;
  /** Σ revenue − Σ direct costs. */
  contribution: number;
  /** Σ_t profit_t / (1 + d)^t: the lifecycle's value at acquisition (year 0 undiscounted). */
  valueAtAcquisition: number;
  /** Σ_t profit_t · (1 + d)^(n − 1 − t): the same value brought forward to the last year (past customer value). */
  valueToday: number;
}

/** One customer's historic CLV at a yearly discount rate (0.08 = 8 %). */
export function historicClv(years: CustomerYears, discountRate: number): HistoricClv {
  checkNumber(discountRate, 'discountRate', { min: 0, max: 1 });
  const n = years.revenue.length;
  for (const name of ['directCost', 'indirectCost'] as const) {
    if (years[name].length !== n) throw new InputError(`${name}: ${years[name].length} years, but revenue has ${n}`);
  }
  checkNumbers(years.revenue, 'revenue', { min: 0 });
  checkNumbers(years.directCost, 'directCost', { min: 0 });
  checkNumbers(years.indirectCost, 'indirectCost', { min: 0 });

  const yearlyNetProfit: number[] = [];
  let revenue = 0;
  let direct = 0;
  let valueAtAcquisition = 0;
  for (let t = 0; t < n; t++) {
    const profit = years.revenue[t] - years.directCost[t] - years.indirectCost[t];
    yearlyNetProfit.push(profit);
    revenue += years.revenue[t];
    direct += years.directCost[t];
    valueAtAcquisition += profit / (1 + discountRate) ** t;
  }
  const profitability = yearlyNetProfit.reduce((sum, profit) => sum + profit, 0);
  return { yearlyNetProfit, profitability, contribution: revenue - direct, valueAtAcquisition, valueToday: n === 0 ? 0 : valueAtAcquisition * (1 + discountRate) ** (n - 1) };
}
