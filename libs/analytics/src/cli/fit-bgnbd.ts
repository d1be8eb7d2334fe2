import { fitBgNbd } from '../btyd/bgnbd';
import { summarizeCustomers } from '../btyd/customer-summary';
import type { Command } from './options';

/** `fit-bgnbd`: the BG/NBD maximum-likelihood parameters of the customers' calibration histories. */
export const fitBgNbdCommand: Command = {
  usage: '--transactions FILE --calibration-end YYYY-MM-DD',
  options: ['transactions', 'calibration-end'],
  run(options) {
    const transactions = options.transactions();
    const { r, alpha, a, b, logLikelihood, customers } = fitBgNbd(summarizeCustomers(transactions, options.day('calibration-end')));
    return { r, alpha, a, b, logLikelihood, customers };
  },
};
