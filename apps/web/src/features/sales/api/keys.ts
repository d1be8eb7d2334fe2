import type { ObjectType } from '@/lib/permissions';

/** Query keys of the sales records; mutations invalidate through the same factories. */
export const accountKeys = {
  all: ['accounts'] as const,
  lists: () => [...accountKeys.all, 'list'] as const,
  list: (params: object) => [...accountKeys.lists(), params] as const,
  details: () => [...accountKeys.all, 'detail'] as const,
  detail: (id: string) => [...accountKeys.details(), id] as const,
  contacts: (id: string) => [...accountKeys.detail(id), 'contacts'] as const,
  contactList: (id: string, params: object) => [...accountKeys.contacts(id), params] as const,
};

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (params: object) => [...contactKeys.lists(), params] as const,
  details: () => [...contactKeys.all, 'detail'] as const,
  detail: (id: string) => [...contactKeys.details(), id] as const,
};

export const shareKeys = {
  all: ['shares'] as const,
  list: (objectType: ObjectType, id: string) => [...shareKeys.all, objectType, id] as const,
};

export const opportunityKeys = {
  all: ['opportunities'] as const,
  lists: () => [...opportunityKeys.all, 'list'] as const,
  list: (params: object) => [...opportunityKeys.lists(), params] as const,
  /** Every board (per pipeline), refetched after a move. */
  boards: () => [...opportunityKeys.all, 'board'] as const,
  board: (pipelineId: string) => [...opportunityKeys.boards(), pipelineId] as const,
  byAccount: (accountId: string, params: object) => [...opportunityKeys.all, 'account', accountId, params] as const,
  details: () => [...opportunityKeys.all, 'detail'] as const,
  detail: (id: string) => [...opportunityKeys.details(), id] as const,
  history: (id: string) => [...opportunityKeys.detail(id), 'history'] as const,
  forecasts: () => [...opportunityKeys.all, 'forecast'] as const,
  forecast: (params: object) => [...opportunityKeys.forecasts(), params] as const,
};

export const pipelineKeys = {
  all: ['pipelines'] as const,
};

export const recycleBinKeys = {
  all: ['recycle-bin'] as const,
  list: (objectType: string) => [...recycleBinKeys.all, objectType] as const,
};

export const activityKeys = {
  all: ['activities'] as const,
  lists: () => [...activityKeys.all, 'list'] as const,
  list: (params: object) => [...activityKeys.lists(), params] as const,
};

export const leadKeys = {
  all: ['leads'] as const,
  lists: () => [...leadKeys.all, 'list'] as const,
  list: (params: object) => [...leadKeys.lists(), params] as const,
  details: () => [...leadKeys.all, 'detail'] as const,
  detail: (id: string) => [...leadKeys.details(), id] as const,
  matches: (id: string) => [...leadKeys.detail(id), 'matches'] as const,
};

export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (params: object) => [...orderKeys.lists(), params] as const,
  details: () => [...orderKeys.all, 'detail'] as const,
  detail: (id: string) => [...orderKeys.details(), id] as const,
  history: (id: string) => [...orderKeys.detail(id), 'history'] as const,
  payments: (id: string) => [...orderKeys.detail(id), 'payments'] as const,
  receivables: () => [...orderKeys.all, 'receivables'] as const,
  accountReceivables: (accountId: string) => [...orderKeys.receivables(), accountId] as const,
};

export const quoteKeys = {
  all: ['quotes'] as const,
  lists: () => [...quoteKeys.all, 'list'] as const,
  list: (params: object) => [...quoteKeys.lists(), params] as const,
  /** The caller's approval inbox. */
  pending: (params: object) => [...quoteKeys.all, 'pending', params] as const,
  details: () => [...quoteKeys.all, 'detail'] as const,
  detail: (id: string) => [...quoteKeys.details(), id] as const,
  approvals: (id: string) => [...quoteKeys.detail(id), 'approvals'] as const,
  products: (q: string) => [...quoteKeys.all, 'products', q] as const,
};
