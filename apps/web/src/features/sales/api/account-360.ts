import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, orderKeys, quoteKeys } from './keys';
import type { OrderPage } from './orders';
import type { QuotePage } from './quotes';

export type AccountPayment = Schema<'AccountPaymentDto'>;
export type AccountPaymentPage = Schema<'AccountPaymentPageDto'>;
export type AccountSummary = Schema<'AccountSummaryDto'>;

/** Under the account's detail key, so an edit or a merge of the account refreshes it too. */
export const accountSummaryKey = (accountId: string) => [...accountKeys.detail(accountId), 'summary'] as const;

// Under the quote and order key roots, so the mutations that invalidate every quote or order refresh these too.
const accountQuoteKey = (accountId: string, limit: number) => [...quoteKeys.all, 'account', accountId, { limit }] as const;
const accountOrderKey = (accountId: string, limit: number) => [...orderKeys.all, 'account', accountId, { limit }] as const;
const accountPaymentKey = (accountId: string, limit: number) => [...orderKeys.all, 'account-payments', accountId, { limit }] as const;

const nextPage = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

/** The account's quotes the caller may see, newest first (the API's default order), by keyset pages. */
export function useAccountQuotes(accountId: string, limit: number, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: accountQuoteKey(accountId, limit),
    queryFn: ({ pageParam, signal }): Promise<QuotePage> =>
      unwrap(api.client.GET('/api/v1/accounts/{id}/quotes', { params: { path: { id: accountId }, query: { limit, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
    enabled,
  });
}

/** The account's orders the caller may see, newest first. */
export function useAccountOrders(accountId: string, limit: number, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: accountOrderKey(accountId, limit),
    queryFn: ({ pageParam, signal }): Promise<OrderPage> =>
      unwrap(api.client.GET('/api/v1/accounts/{id}/orders', { params: { path: { id: accountId }, query: { limit, sort: '-number', ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
    enabled,
  });
}

/** Payments of the account's orders the caller may see, newest first (403 without a read right on payments). */
export function useAccountPayments(accountId: string, limit: number, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: accountPaymentKey(accountId, limit),
    queryFn: ({ pageParam, signal }): Promise<AccountPaymentPage> =>
      unwrap(api.client.GET('/api/v1/accounts/{id}/payments', { params: { path: { id: accountId }, query: { limit, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPage,
    enabled,
  });
}

/**
 * The account's key figures, computed by the server over every record the caller may read (one request). Read afresh
 * whenever the page mounts: the quotes, orders and payments it sums change on other pages.
 */
export function useAccountSummary(accountId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: accountSummaryKey(accountId),
    queryFn: ({ signal }): Promise<AccountSummary> => unwrap(api.client.GET('/api/v1/accounts/{id}/summary', { params: { path: { id: accountId } }, signal })),
    enabled,
    staleTime: 0,
  });
}
