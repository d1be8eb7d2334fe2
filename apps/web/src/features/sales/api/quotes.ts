import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { ifMatch, toApiError, unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { filenameFrom, saveBlob } from '@/lib/download';
import { useState } from 'react';
import { orderKeys, quoteKeys } from './keys';

export type Quote = Schema<'QuoteDto'>;
export type QuoteLine = Schema<'QuoteLineDto'>;
export type QuoteLineInput = Schema<'QuoteLineInputDto'>;
export type QuotePage = Schema<'QuotePageDto'>;
export type QuoteStatus = Schema<'QuoteStatus'>;
export type QuoteApproval = Schema<'QuoteApprovalDto'>;
export type CreateQuoteBody = Schema<'CreateQuoteDto'>;
export type UpdateQuoteBody = Schema<'UpdateQuoteDto'>;
type ListQuery = NonNullable<paths['/api/v1/quotes']['get']['parameters']['query']>;
type ProductPage = Schema<'ProductPageDto'>;

export const QUOTE_STATUSES: QuoteStatus[] = ['draft', 'pending_approval', 'approved', 'rejected', 'sent', 'accepted', 'superseded'];

/** Filters of the list; the cursor is the page param, so every page of one filter shares a key. */
export type QuoteListParams = Pick<ListQuery, 'sort' | 'q' | 'limit' | 'status' | 'accountId'>;

export function quoteListQueryOptions(api: Api, params: QuoteListParams) {
  return infiniteQueryOptions({
    queryKey: quoteKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<QuotePage> =>
      unwrap(api.client.GET('/api/v1/quotes', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : { withTotal: true }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useQuotes(params: QuoteListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...quoteListQueryOptions(useApi(), params), enabled });
}

/**
 * The caller's approval inbox, one page, newest first: on the desk what just arrived must show even when older
 * requests fill the page (the API's own default is oldest first).
 */
export function usePendingApprovals({ enabled = true, limit = 20 }: { enabled?: boolean; limit?: number } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: quoteKeys.pending({ limit }),
    queryFn: ({ signal }): Promise<QuotePage> => unwrap(api.client.GET('/api/v1/approvals', { params: { query: { limit, sort: '-number' } }, signal })),
    enabled,
  });
}

export function quoteQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: quoteKeys.detail(id),
    queryFn: ({ signal }): Promise<Quote> => unwrap(api.client.GET('/api/v1/quotes/{id}', { params: { path: { id } }, signal })),
  });
}

export function useQuote(id: string) {
  return useQuery(quoteQueryOptions(useApi(), id));
}

export function useQuoteApprovals(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: quoteKeys.approvals(id),
    queryFn: ({ signal }): Promise<QuoteApproval[]> => unwrap(api.client.GET('/api/v1/quotes/{id}/approvals', { params: { path: { id } }, signal })),
    enabled,
  });
}

/** Active products of the catalogue matching `q`, for the line editor's picker. */
export function useQuoteProducts(q: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: quoteKeys.products(q),
    queryFn: ({ signal }): Promise<ProductPage> => unwrap(api.client.GET('/api/v1/products', { params: { query: { active: true, limit: 50, ...(q ? { q } : {}) } }, signal })),
    enabled,
    staleTime: 60_000,
  });
}

function useQuoteWritten() {
  const queryClient = useQueryClient();
  return (quote: Quote) => {
    queryClient.setQueryData<Quote>(quoteKeys.detail(quote.id), quote);
    void queryClient.invalidateQueries({ queryKey: quoteKeys.approvals(quote.id) });
    void queryClient.invalidateQueries({ queryKey: quoteKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: [...quoteKeys.all, 'pending'] });
  };
}

export function useCreateQuote() {
  const api = useApi();
  const written = useQuoteWritten();
  return useMutation({
    mutationFn: (body: CreateQuoteBody): Promise<Quote> => unwrap(api.client.POST('/api/v1/quotes', { body })),
    onSuccess: written,
  });
}

/** Changes a quote (lines replace every line) with If-Match; the server answers the recomputed quote. */
export function useUpdateQuote() {
  const api = useApi();
  const written = useQuoteWritten();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: UpdateQuoteBody }): Promise<Quote> =>
      unwrap(api.client.PATCH('/api/v1/quotes/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: written,
  });
}

export type QuoteCommand = 'submit' | 'send' | 'accept' | 'revise' | 'approve' | 'reject';

/** A state change (submit, send, accept, revise, approve, reject) sent with If-Match of the version shown. */
export function useQuoteCommand() {
  const api = useApi();
  const written = useQuoteWritten();
  return useMutation({
    mutationFn: ({ id, version, command, comment }: { id: string; version: number; command: QuoteCommand; comment?: string }): Promise<Quote> => {
      const params = { path: { id }, header: ifMatch(version) };
      switch (command) {
        case 'submit':
          return unwrap(api.client.POST('/api/v1/quotes/{id}/submit', { params }));
        case 'send':
          return unwrap(api.client.POST('/api/v1/quotes/{id}/send', { params }));
        case 'accept':
          return unwrap(api.client.POST('/api/v1/quotes/{id}/accept', { params }));
        case 'revise':
          return unwrap(api.client.POST('/api/v1/quotes/{id}/revise', { params }));
        case 'approve':
          return unwrap(api.client.POST('/api/v1/quotes/{id}/approve', { params, body: comment ? { comment } : {} }));
        case 'reject':
          return unwrap(api.client.POST('/api/v1/quotes/{id}/reject', { params, body: { comment: comment ?? '' } }));
      }
    },
    onSuccess: written,
  });
}

/** Downloads the quote as PDF through the API client (bearer token and refresh apply) and saves it. */
export function useDownloadQuotePdf() {
  const api = useApi();
  return useMutation({
    mutationFn: async (quote: Pick<Quote, 'id' | 'number' | 'revision'>): Promise<void> => {
      const { data, error, response } = await api.client.GET('/api/v1/quotes/{id}/pdf', { params: { path: { id: quote.id } }, parseAs: 'blob' });
      if (!response.ok || !data) throw toApiError(error, response);
      saveBlob(data, filenameFrom(response, `${quote.number ?? 'quote'}-r${quote.revision ?? 1}.pdf`));
    },
  });
}

/**
 * Converts an approved (or sent, accepted) quote into an order. One Idempotency-Key per quote view: a repeated click
 * or a dropped answer retried answers the same order instead of a 409.
 */
export function useConvertQuote(quoteId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [key] = useState(() => crypto.randomUUID());
  return useMutation({
    mutationFn: () => unwrap(api.client.POST('/api/v1/quotes/{id}/convert', { params: { path: { id: quoteId }, header: { 'Idempotency-Key': key } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: quoteKeys.all });
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
    },
  });
}
