import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { idempotencyKey, ifMatch, unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { orderKeys } from './keys';

export type Order = Schema<'OrderDto'>;
export type OrderLine = Schema<'OrderLineDto'>;
export type OrderPage = Schema<'OrderPageDto'>;
export type OrderStatus = Schema<'OrderStatus'>;
export type OrderStep = Schema<'OrderStep'>;
export type OrderStatusChange = Schema<'OrderStatusChangeDto'>;
export type Payment = Schema<'PaymentDto'>;
export type PaymentMethod = Schema<'PaymentMethod'>;
export type CreatePaymentBody = Schema<'CreatePaymentDto'>;
export type Ageing = Schema<'AgeingDto'>;
export type Receivables = Schema<'ReceivablesDto'>;
export type AccountReceivables = Schema<'AccountReceivablesDto'>;
type ListQuery = NonNullable<paths['/api/v1/orders']['get']['parameters']['query']>;

export const ORDER_STATUSES: OrderStatus[] = ['ordered', 'partly_paid', 'paid', 'shipped', 'delivered', 'confirmed', 'cancelled'];
export const PAYMENT_METHODS: PaymentMethod[] = ['bank_transfer', 'cash', 'cheque', 'acceptance_bill', 'other'];

/** The step someone takes next from a status; `ordered` and `partly_paid` wait for payments (finance records them). */
export const NEXT_STEP: Partial<Record<OrderStatus, OrderStep>> = { paid: 'shipped', shipped: 'delivered', delivered: 'confirmed' };

export type OrderListParams = Pick<ListQuery, 'sort' | 'q' | 'limit' | 'status' | 'accountId'>;

export function orderListQueryOptions(api: Api, params: OrderListParams) {
  return infiniteQueryOptions({
    queryKey: orderKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<OrderPage> =>
      unwrap(api.client.GET('/api/v1/orders', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : { withTotal: true }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useOrders(params: OrderListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...orderListQueryOptions(useApi(), params), enabled });
}

export function useOrder(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.detail(id),
    queryFn: ({ signal }): Promise<Order> => unwrap(api.client.GET('/api/v1/orders/{id}', { params: { path: { id } }, signal })),
  });
}

export function useOrderHistory(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.history(id),
    queryFn: ({ signal }): Promise<OrderStatusChange[]> => unwrap(api.client.GET('/api/v1/orders/{id}/status-history', { params: { path: { id } }, signal })),
  });
}

export function useOrderPayments(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.payments(id),
    queryFn: ({ signal }): Promise<Payment[]> => unwrap(api.client.GET('/api/v1/orders/{id}/payments', { params: { path: { id } }, signal })),
    enabled,
  });
}

export function useChangeOrderStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, status }: { id: string; version: number; status: OrderStep }): Promise<Order> =>
      unwrap(api.client.POST('/api/v1/orders/{id}/status', { params: { path: { id }, header: ifMatch(version) }, body: { status } })),
    onSuccess: (order) => {
      queryClient.setQueryData<Order>(orderKeys.detail(order.id), order);
      void queryClient.invalidateQueries({ queryKey: orderKeys.history(order.id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: orderKeys.receivables() });
    },
  });
}

export function useRecordPayment() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CreatePaymentBody }): Promise<Payment> =>
      unwrap(api.client.POST('/api/v1/orders/{id}/payments', { params: { path: { id }, header: idempotencyKey() }, body })),
    onSuccess: (_payment, { id }) => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: orderKeys.receivables() });
    },
  });
}

export function useReceivables({ enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.receivables(),
    queryFn: ({ signal }): Promise<Receivables> => unwrap(api.client.GET('/api/v1/receivables', { signal })),
    enabled,
  });
}

export function useAccountReceivables(accountId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.accountReceivables(accountId),
    queryFn: ({ signal }): Promise<AccountReceivables> => unwrap(api.client.GET('/api/v1/accounts/{id}/receivables', { params: { path: { id: accountId } }, signal })),
    enabled,
  });
}
