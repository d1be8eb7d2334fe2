import { summarizeCustomers } from '../btyd/customer-summary';
import { fitGammaGamma } from '../btyd/gamma-gamma';
import type { Command } from './options';

/** `fit-gamma-gamma`: the Gamma-Gamma spend parameters of the customers with repeat purchases in the calibration period. */
export const fitGammaGammaCommand: Command = {
  usage: '--transactions FILE --calibration-end YYYY-MM-DD',
  options: ['transactions', 'calibration-end'],
  run(options) {
    const transactions = options.transactions();
    const { p, q, gamma, customers } = fitGammaGamma(summarizeCustomers(transactions, options.day('calibration-end')));
    return { p, q, gamma, customers };
  },
};
