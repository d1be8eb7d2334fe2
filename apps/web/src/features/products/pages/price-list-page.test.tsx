import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { PRICE_LIST_ID, PRODUCT_ID, priceList, productsServer, requestsTo } from '../testing/products-server';

configure({ asyncUtilTimeout: 5000 });

const ENTRY = {
  productId: PRODUCT_ID,
  productCode: 'XE35U',
  productName: 'XE35U 小型挖掘机',
  productNameEn: 'XE35U mini excavator',
  unit: '台',
  productActive: true,
  listPrice: '238000.00',
  tiers: [{ minQuantity: 3, price: '228000.00' }, { minQuantity: 10, price: '219000.00' }],
};

describe('PriceListPage', { timeout: 20_000 }, () => {
  it('shows the list\'s terms and its entries with tiers, searches and pages on', async () => {
    const { fetch, requests } = productsServer({
      routes: {
        [`GET /api/v1/price-lists/${PRICE_LIST_ID}`]: () => json(priceList({ entryCount: 2 }), 200, { ETag: 'W/"3"' }),
        [`GET /api/v1/price-lists/${PRICE_LIST_ID}/entries`]: (request) =>
          new URL(request.url).searchParams.get('cursor')
            ? json({ data: [{ ...ENTRY, productId: '0190a0b0-0000-7000-8000-0000000b0009', productCode: 'ZL50', productNameEn: 'ZL50 wheel loader', listPrice: '468000.50', tiers: [] }], nextCursor: null })
            : json({ data: [ENTRY], nextCursor: 'c1' }),
      },
    });
    await renderApp(`/products/price-lists/${PRICE_LIST_ID}`, { fetch, language: 'en' });
    expect((await screen.findByTestId('page-title')).textContent).toBe('2026 国内标准价目表');
    expect([...screen.getByTestId('price-list-fields').querySelectorAll('.ant-tag')].map((tag) => tag.textContent)).toEqual(['Default']);
    const entries = screen.getByTestId('price-list-entries');
    expect(await within(entries).findByText('CNY 238,000.00')).toBeTruthy();
    expect(within(entries).getByText('≥ 10: CNY 219,000.00')).toBeTruthy();
    expect(within(entries).getByText('XE35U mini excavator')).toBeTruthy();

    fireEvent.click(screen.getByTestId('price-list-load-more'));
    expect(await within(entries).findByText('CNY 468,000.50')).toBeTruthy();

    fireEvent.change(screen.getByTestId('price-list-search'), { target: { value: 'ZL' } });
    await waitFor(() => expect(requestsTo(requests, 'GET', `/api/v1/price-lists/${PRICE_LIST_ID}/entries`).some((r) => new URL(r.url).searchParams.get('q') === 'ZL')).toBe(true));
  });

  it('changes an entry\'s price as someone who may, with the list\'s ETag as If-Match, tiers kept', async () => {
    const { fetch, requests } = productsServer({
      priceListLevels: { read: 'all', create: 'all', update: 'all', delete: 'none', reassign: 'none' },
      routes: {
        [`GET /api/v1/price-lists/${PRICE_LIST_ID}`]: () => json(priceList(), 200, { ETag: 'W/"3"' }),
        [`GET /api/v1/price-lists/${PRICE_LIST_ID}/entries`]: () => json({ data: [ENTRY], nextCursor: null }),
        [`PUT /api/v1/price-lists/${PRICE_LIST_ID}/entries/${PRODUCT_ID}`]: () => json({ ...ENTRY, listPrice: '240000.00' }),
      },
    });
    await renderApp(`/products/price-lists/${PRICE_LIST_ID}`, { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('price-entry-edit-XE35U'));
    fireEvent.change(await screen.findByTestId('price-entry-list-price'), { target: { value: '240000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(requestsTo(requests, 'PUT', `/api/v1/price-lists/${PRICE_LIST_ID}/entries/${PRODUCT_ID}`)).toHaveLength(1));
    const [put] = requestsTo(requests, 'PUT', `/api/v1/price-lists/${PRICE_LIST_ID}/entries/${PRODUCT_ID}`);
    expect(put.headers.get('If-Match')).toBe('W/"3"');
    expect(await put.json()).toEqual({ listPrice: '240000', tiers: ENTRY.tiers });
    await waitFor(() => expect(screen.queryByTestId('price-entry-form')).toBeNull());
  });
});
