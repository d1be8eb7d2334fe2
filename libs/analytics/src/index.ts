// The public surface of @lianxi/analytics: the API's metric jobs and endpoints import from here only.
export { InputError } from './input-error';
export { formatDay, parseDay, requireDay } from './dates';
export { parseTransactionsCsv, type Transaction } from './transactions';
