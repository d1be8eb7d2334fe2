import type { Language } from '@/lib/language';
import { createFakeFetch, demoUser, json, tokenResponse } from '@/testing/fake-api';

type Handler = (request: Request) => Response | Promise<Response>;
type Fields = Record<string, 'hidden' | 'masked' | 'read' | 'edit'>;
type Levels = Record<'read' | 'create' | 'update' | 'delete' | 'reassign', string>;

export const ME = demoUser();
export const READ_ALL: Levels = { read: 'all', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
export const NONE: Levels = { read: 'none', create: 'none', update: 'none', delete: 'none', reassign: 'none' };
export const PRODUCT_FIELDS: Fields = { code: 'read', name: 'read', nameEn: 'read', categoryId: 'read', unit: 'read', active: 'read', description: 'read', costPrice: 'hidden', costCurrency: 'hidden' };

export const EXCAVATORS = { id: '0190a0b0-0000-7000-8000-0000000c0001', parentId: null, depth: 0, name: '挖掘机', nameEn: 'Excavators', position: 0, version: 1 };
export const MINI = { id: '0190a0b0-0000-7000-8000-0000000c0002', parentId: EXCAVATORS.id, depth: 1, name: '小型挖掘机', nameEn: 'Mini excavators', position: 0, version: 1 };
export const PARTS = { id: '0190a0b0-0000-7000-8000-0000000c0003', parentId: null, depth: 0, name: '备品备件', nameEn: 'Spare parts', position: 1, version: 1 };
export const CATEGORIES = [EXCAVATORS, MINI, PARTS];

export const PRODUCT_ID = '0190a0b0-0000-7000-8000-0000000b0001';
export const PRICE_LIST_ID = '0190a0b0-0000-7000-8000-0000000b1001';

export function product(overrides: Record<string, unknown> = {}) {
  return {
    id: PRODUCT_ID,
    code: 'XE35U',
    name: 'XE35U 小型挖掘机',
    nameEn: 'XE35U mini excavator',
    categoryId: MINI.id,
    unit: '台',
    active: true,
    description: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

export function priceList(overrides: Record<string, unknown> = {}) {
  return {
    id: PRICE_LIST_ID,
    name: '2026 国内标准价目表',
    currency: 'CNY',
    validFrom: '2026-01-01',
    validTo: null,
    isDefault: true,
    active: true,
    description: '含增值税 13%',
    entryCount: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    version: 3,
    ...overrides,
  };
}

export interface ProductsServerOptions {
  language?: Language;
  productLevels?: Levels;
  productFields?: Fields;
  priceListLevels?: Levels;
  exchangeRateLevels?: Levels;
  routes?: Record<string, Handler>;
}

/** A signed-in user with the given catalogue rights, the category tree, and whatever routes the test adds. */
export function productsServer({ language = 'en', productLevels = READ_ALL, productFields = PRODUCT_FIELDS, priceListLevels = READ_ALL, exchangeRateLevels = NONE, routes = {} }: ProductsServerOptions = {}) {
  return createFakeFetch({
    'POST /api/v1/auth/refresh': () => json(tokenResponse({ ...ME, locale: language })),
    'GET /api/v1/me/permissions': () =>
      json({
        objects: [
          { objectType: 'account', levels: READ_ALL, fields: {} },
          { objectType: 'product', levels: productLevels, fields: productFields },
          { objectType: 'price_list', levels: priceListLevels, fields: {} },
          { objectType: 'exchange_rate', levels: exchangeRateLevels, fields: {} },
        ],
      }),
    'GET /api/v1/product-categories': () => json(CATEGORIES),
    ...routes,
  });
}

export function requestsTo(requests: Request[], method: string, pathname: string): Request[] {
  return requests.filter((request) => request.method === method && new URL(request.url).pathname === pathname);
}
