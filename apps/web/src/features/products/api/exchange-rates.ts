import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type ExchangeRate = Schema<'ExchangeRateDto'>;
export type ExchangeRatePage = Schema<'ExchangeRatePageDto'>;

/** Query keys of the exchange rates; writes invalidate every page. */
export const exchangeRateKeys = {
  all: ['exchange-rates'] as const,
  list: (params: object) => [...exchangeRateKeys.all, 'list', params] as const,
};

/** Newest first, a page at a time (needs the read right on `exchange_rate`). */
export function useExchangeRates(params: { currency?: string }, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: exchangeRateKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<ExchangeRatePage> =>
      unwrap(api.client.GET('/api/v1/exchange-rates', { params: { query: { ...params, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** Sets (creates or replaces) a rate: finance's (`update` on `exchange_rate`). */
export function usePutExchangeRate() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ currency, validFrom, rate }: { currency: string; validFrom: string; rate: string }): Promise<ExchangeRate> =>
      unwrap(api.client.PUT('/api/v1/exchange-rates/{currency}/{validFrom}', { params: { path: { currency, validFrom } }, body: { rate } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: exchangeRateKeys.all }),
  });
}

export function useDeleteExchangeRate() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ currency, validFrom }: { currency: string; validFrom: string }): Promise<void> => {
      await unwrap(api.client.DELETE('/api/v1/exchange-rates/{currency}/{validFrom}', { params: { path: { currency, validFrom } } }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: exchangeRateKeys.all }),
  });
}
