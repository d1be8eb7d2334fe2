// The public surface of @lianxi/analytics: the API's metric jobs and endpoints import from here only.
export { InputError } from './input-error';
export { formatDay, parseDay, requireDay } from './dates';
export { parseTransactionsCsv, type Transaction } from './transactions';
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
