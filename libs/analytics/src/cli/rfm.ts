import { rfmValuesFromTransactions, scoreRfmPopulation } from '../customer/rfm';
import { formatDay } from '../dates';
import { InputError } from '../input-error';
import type { Command } from './options';

/** `rfm --transactions FILE --as-of YYYY-MM-DD`: each customer's R, F, M values, 1–5 scores and segment. */
export const rfmCommand: Command = {
  usage: '--transactions FILE --as-of YYYY-MM-DD',
  options: ['transactions', 'as-of'],
  run(options) {
    const asOf = options.day('as-of');
    const transactions = options.transactions();
    const customers = rfmValuesFromTransactions(transactions, asOf);
    if (customers.length === 0) throw new InputError(`--as-of: no purchase on or before ${formatDay(asOf)}`);
    return scoreRfmPopulation(customers).scores.map(({ customerId, recencyDays, frequency, monetary, r, f, m, segment }) => ({ customerId, recencyDays, frequency, monetary, r, f, m, segment }));
  },
};
