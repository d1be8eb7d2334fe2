import { predictCustomers } from '../btyd/clv';
import type { Command } from './options';

/** `predict`: per customer, the expected purchases, P(alive), expected spend and discounted CLV over a horizon. */
export const predictCommand: Command = {
  usage: '--transactions FILE --calibration-end YYYY-MM-DD --horizon-weeks N [--discount-rate R]',
  options: ['transactions', 'calibration-end', 'horizon-weeks', 'discount-rate'],
  run(options) {
    const transactions = options.transactions();
    const calibrationEnd = options.day('calibration-end');
    const horizonWeeks = options.number('horizon-weeks');
    const discountRate = options.number('discount-rate', 0);
    return predictCustomers(transactions, calibrationEnd, horizonWeeks, discountRate);
  },
};
