// The public surface of @lianxi/analytics: the API's metric jobs and endpoints import from here only.
export { InputError } from './input-error';
export { formatDay, parseDay, requireDay } from './dates';
export { parseTransactionsCsv, type Transaction } from './transactions';
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
