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
// Customer metrics: RFM, value tiers, behaviour classes, lifecycle, historic CLV, retention, loyalty, growth.
export { growthRate, periodOverPeriodGrowth } from './customer/growth';
export {
  DEFAULT_RFM_SEGMENTS,
  checkRfmSegments,
  quintileCutPoints,
  quintileScore,
  rfmBreakpoints,
  rfmSegment,
  rfmValuesFromTransactions,
  scoreRfm,
  scoreRfmPopulation,
  type RfmBreakpoints,
  type RfmScore,
  type RfmSegment,
  type RfmSegmentRule,
  type RfmValues,
} from './customer/rfm';
export {
  DEFAULT_BEHAVIOUR_OPTIONS,
  behaviourOptions,
  classifyBehaviour,
  purchaseRhythm,
  type BehaviourClass,
  type BehaviourInput,
  type BehaviourOptions,
  type PurchaseRhythm,
} from './customer/behaviour-class';
export {
  DEFAULT_LIFECYCLE_OPTIONS,
  lifecycleOptions,
  lifecycleStage,
  revenueByPeriod,
  revenueTrend,
  type LifecycleInput,
  type LifecycleOptions,
  type LifecycleStage,
} from './customer/lifecycle';
export { historicClv, type CustomerYears, type HistoricClv } from './customer/historic-clv';
export {
  addRetentionCounts,
  countRetention,
  expectedRemainingValue,
  profitLostToChurn,
  retentionRates,
  type ChurnValueOptions,
  type RetentionCounts,
} from './customer/retention';
export {
  DEFAULT_LOYALTY_OPTIONS,
  DEFAULT_LOYALTY_WEIGHTS,
  LOYALTY_FACTORS,
  loyaltyFactorScores,
  loyaltyIndex,
  loyaltySettings,
  type LoyaltyFactor,
  type LoyaltyIndex,
  type LoyaltyInput,
  type LoyaltyOptions,
  type LoyaltySettings,
} from './customer/loyalty';
export {
  DEFAULT_VALUE_TIER_OPTIONS,
  valueTier,
  valueTierBreakpoints,
  type ValueTier,
  type ValueTierBreakpoints,
  type ValueTierOptions,
} from './customer/value-tier';
export {
  AHP_CONSISTENCY_THRESHOLD,
  AHP_MAX_SIZE,
  AHP_RECIPROCAL_TOLERANCE,
  SAATY_RANDOM_INDEX,
  ahpWeights,
  consistentMatrix,
  evaluateAhpModel,
  inconsistencyMessage,
  validateCriteriaShape,
  validatePairwiseMatrix,
  type AhpCriterion,
  type AhpCriterionResult,
  type AhpMatrixResult,
  type AhpModel,
  type AhpModelResult,
  type AhpRankedAlternative,
} from './ahp';
