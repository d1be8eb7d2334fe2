// The public surface of @lianxi/analytics: the API's metric jobs and endpoints import from here only.
export { InputError } from './input-error';
export { formatDay, parseDay, requireDay } from './dates';
export { parseTransactionsCsv, type Transaction } from './transactions';
// Predictive CLV: BG/NBD purchases, Gamma-Gamma spend, discounted CLV (see docs/analytics.md, "Predictive CLV").
export { summarizeCustomers, type CustomerSummary, type SummaryOptions } from './btyd/customer-summary';
export {
  bgNbdLogLikelihood,
  conditionalExpectedTransactions,
  expectedTransactions,
  fitBgNbd,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdParams,
  type RepeatHistory,
  type WeightedHistory,
} from './btyd/bgnbd';
export {
  conditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  populationMeanSpend,
  type GammaGammaFit,
  type GammaGammaParams,
  type SpendHistory,
} from './btyd/gamma-gamma';
export { discountedClv, predictCustomers, predictFromSummaries, type ClvOptions, type CustomerPrediction } from './btyd/clv';
