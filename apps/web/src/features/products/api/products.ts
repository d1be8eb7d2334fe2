import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths, Schema } from '@lianxi/api-client';
import { ifMatch, unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { priceListKeys, productKeys } from './keys';

export type Product = Schema<'ProductDto'>;
export type ProductPage = Schema<'ProductPageDto'>;
export type ProductSort = Schema<'ProductSort'>;
export type ProductCategory = Schema<'ProductCategoryDto'>;
export type ProductPrice = Schema<'ProductPriceDto'>;
export type UpdateProductBody = Schema<'UpdateProductDto'>;
export type CreateProductBody = Schema<'CreateProductDto'>;
export type PriceList = Schema<'PriceListDto'>;
export type PriceListEntry = Schema<'PriceListEntryDto'>;
export type PriceListEntryPage = Schema<'PriceListEntryPageDto'>;
export type PutPriceListEntryBody = Schema<'PutPriceListEntryDto'>;
export type CreatePriceListBody = Schema<'CreatePriceListDto'>;
type ListQuery = NonNullable<paths['/api/v1/products']['get']['parameters']['query']>;

/** Filters of the catalogue list; the cursor is the page param, so every page of one filter shares a key. */
export type ProductListParams = Pick<ListQuery, 'sort' | 'q' | 'limit' | 'categoryId' | 'active'>;

export function productListQueryOptions(api: Api, params: ProductListParams) {
  return infiniteQueryOptions({
    queryKey: productKeys.list(params),
    queryFn: ({ pageParam, signal }): Promise<ProductPage> =>
      unwrap(api.client.GET('/api/v1/products', { params: { query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useProducts(params: ProductListParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...productListQueryOptions(useApi(), params), enabled });
}

export function productQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: productKeys.detail(id),
    queryFn: ({ signal }): Promise<Product> => unwrap(api.client.GET('/api/v1/products/{id}', { params: { path: { id } }, signal })),
  });
}

export function useProduct(id: string) {
  return useQuery(productQueryOptions(useApi(), id));
}

/** The category tree in tree order (catalogue configuration: changes rarely). */
export function useProductCategories({ enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: productKeys.categories,
    queryFn: ({ signal }): Promise<ProductCategory[]> => unwrap(api.client.GET('/api/v1/product-categories', { signal })),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** A product's entries in every price list (needs the right to read price lists). */
export function useProductPrices(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: productKeys.prices(id),
    queryFn: ({ signal }): Promise<ProductPrice[]> => unwrap(api.client.GET('/api/v1/products/{id}/prices', { params: { path: { id } }, signal })),
    enabled,
  });
}

export function useUpdateProduct() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: UpdateProductBody }): Promise<Product> =>
      unwrap(api.client.PATCH('/api/v1/products/{id}', { params: { path: { id }, header: ifMatch(version) }, body: changes })),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productKeys.lists() });
    },
  });
}

export function useCreateProduct() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProductBody): Promise<Product> => unwrap(api.client.POST('/api/v1/products', { body })),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productKeys.lists() });
    },
  });
}

export function usePriceLists({ enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: priceListKeys.list(),
    queryFn: ({ signal }): Promise<PriceList[]> => unwrap(api.client.GET('/api/v1/price-lists', { signal })),
    enabled,
  });
}

export function usePriceList(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: priceListKeys.detail(id),
    queryFn: ({ signal }): Promise<PriceList> => unwrap(api.client.GET('/api/v1/price-lists/{id}', { params: { path: { id } }, signal })),
  });
}

export function usePriceListEntries(id: string, params: { q?: string; limit?: number }, { enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: priceListKeys.entries(id, params),
    queryFn: ({ pageParam, signal }): Promise<PriceListEntryPage> =>
      unwrap(api.client.GET('/api/v1/price-lists/{id}/entries', { params: { path: { id }, query: { ...params, ...(pageParam ? { cursor: pageParam } : {}) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

export function useCreatePriceList() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePriceListBody): Promise<PriceList> => unwrap(api.client.POST('/api/v1/price-lists', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: priceListKeys.all }),
  });
}

/** Sets a product's price (and tiers) in a list, with the list's version as If-Match; the list and its entries reload. */
export function usePutPriceListEntry() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ listId, productId, version, body }: { listId: string; productId: string; version: number; body: PutPriceListEntryBody }): Promise<PriceListEntry> =>
      unwrap(api.client.PUT('/api/v1/price-lists/{id}/entries/{productId}', { params: { path: { id: listId, productId }, header: ifMatch(version) }, body })),
    onSuccess: (entry, { listId }) => {
      void queryClient.invalidateQueries({ queryKey: priceListKeys.detail(listId) });
      void queryClient.invalidateQueries({ queryKey: productKeys.prices(entry.productId) });
    },
  });
}

/** A decimal string with its currency, grouped by thousands — never through a float. */
export function formatPrice(amount: string | null | undefined, currency: string | undefined): string {
  if (amount === undefined || amount === null) return '—';
  const [whole, fraction = '00'] = amount.split('.');
  return `${currency ?? ''} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0')}`.trim();
}
