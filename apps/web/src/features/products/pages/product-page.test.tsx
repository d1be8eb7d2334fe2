import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { NONE, PRICE_LIST_ID, PRODUCT_FIELDS, PRODUCT_ID, product, productsServer, requestsTo } from '../testing/products-server';

configure({ asyncUtilTimeout: 5000 });

const PRICES = [
  { priceListId: PRICE_LIST_ID, priceListName: '2026 国内标准价目表', currency: 'CNY', validFrom: '2026-01-01', validTo: null, isDefault: true, active: true, listPrice: '238000.00', tiers: [{ minQuantity: 3, price: '228000.00' }] },
  { priceListId: '0190a0b0-0000-7000-8000-0000000b1002', priceListName: '2026 Export price list', currency: 'USD', validFrom: '2026-01-01', validTo: '2026-12-31', isDefault: true, active: true, listPrice: '33521.00', tiers: [] },
];

describe('ProductPage', { timeout: 20_000 }, () => {
  it('shows the product with its category and its prices with tiers, money as sent', async () => {
    const { fetch } = productsServer({
      routes: {
        [`GET /api/v1/products/${PRODUCT_ID}`]: () => json(product({ costPrice: '181000.00' }), 200, { ETag: 'W/"1"' }),
        [`GET /api/v1/products/${PRODUCT_ID}/prices`]: () => json(PRICES),
      },
      productFields: { ...PRODUCT_FIELDS, costPrice: 'edit' },
    });
    await renderApp(`/products/${PRODUCT_ID}`, { fetch, language: 'en' });
    expect((await screen.findByTestId('page-title')).textContent).toBe('XE35U mini excavator');
    const fields = screen.getByTestId('product-fields');
    expect(within(fields).getByText('XE35U')).toBeTruthy();
    expect(await within(fields).findByText('Mini excavators')).toBeTruthy();
    expect(screen.getByTestId('product-cost-price').textContent).toBe('CNY 181,000.00');
    const prices = screen.getByTestId('product-prices');
    expect(await within(prices).findByText('CNY 238,000.00')).toBeTruthy();
    expect(within(prices).getByText('≥ 3: CNY 228,000.00')).toBeTruthy();
    expect(within(prices).getByText('USD 33,521.00')).toBeTruthy();
    expect(within(prices).getByText('2026-01-01 – open-ended')).toBeTruthy();
  });

  it('shows no price (and asks for none) to who may not read price lists, such as the quality inspector', async () => {
    const { fetch, requests } = productsServer({
      language: 'zh-CN',
      priceListLevels: NONE,
      routes: { [`GET /api/v1/products/${PRODUCT_ID}`]: () => json(product(), 200, { ETag: 'W/"1"' }) },
    });
    await renderApp(`/products/${PRODUCT_ID}`, { fetch, language: 'zh-CN' });
    expect(await screen.findByTestId('product-prices-hidden')).toBeTruthy();
    expect(screen.queryByTestId('product-cost-price')).toBeNull();
    expect(requestsTo(requests, 'GET', `/api/v1/products/${PRODUCT_ID}/prices`)).toHaveLength(0);
  });

  it('edits as someone who may: sends only the changed fields with If-Match, and explains a 412', async () => {
    let patches = 0;
    const { fetch, requests } = productsServer({
      productLevels: { read: 'all', create: 'all', update: 'all', delete: 'none', reassign: 'none' },
      productFields: { ...PRODUCT_FIELDS, costPrice: 'edit' },
      routes: {
        [`GET /api/v1/products/${PRODUCT_ID}`]: () => json(product({ costPrice: '181000.00' }), 200, { ETag: 'W/"1"' }),
        [`GET /api/v1/products/${PRODUCT_ID}/prices`]: () => json([]),
        [`PATCH /api/v1/products/${PRODUCT_ID}`]: () => (++patches === 1 ? problem(412, 'precondition_failed') : json(product({ unit: '辆', costPrice: '181000.00', version: 2 }))),
      },
    });
    await renderApp(`/products/${PRODUCT_ID}`, { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('product-edit'));
    const unit = await screen.findByTestId('product-form-unit');
    fireEvent.change(unit, { target: { value: '辆' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByTestId('product-form-error')).textContent).toContain('Someone else changed this product');
    const [patch] = requestsTo(requests, 'PATCH', `/api/v1/products/${PRODUCT_ID}`);
    expect(patch.headers.get('If-Match')).toBe('W/"1"');
    expect(await patch.json()).toEqual({ unit: '辆' });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByTestId('product-form')).toBeNull());
  });

  it('says the product does not exist on a 404', async () => {
    const { fetch } = productsServer({ routes: { [`GET /api/v1/products/${PRODUCT_ID}`]: () => problem(404, 'not_found') } });
    await renderApp(`/products/${PRODUCT_ID}`, { fetch, language: 'en' });
    expect(await screen.findByTestId('product-load-error')).toBeTruthy();
  });
});
