/** Query keys of the catalogue; mutations invalidate through the same factories. */
export const productKeys = {
  all: ['products'] as const,
  lists: () => [...productKeys.all, 'list'] as const,
  list: (params: object) => [...productKeys.lists(), params] as const,
  detail: (id: string) => [...productKeys.all, 'detail', id] as const,
  prices: (id: string) => [...productKeys.detail(id), 'prices'] as const,
  categories: ['product-categories'] as const,
};

export const priceListKeys = {
  all: ['price-lists'] as const,
  list: () => [...priceListKeys.all, 'list'] as const,
  detail: (id: string) => [...priceListKeys.all, 'detail', id] as const,
  entries: (id: string, params: object) => [...priceListKeys.detail(id), 'entries', params] as const,
};
