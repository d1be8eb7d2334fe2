import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { MINI, NONE, PRODUCT_FIELDS, product, productsServer, requestsTo } from '../testing/products-server';

configure({ asyncUtilTimeout: 5000 });

describe('ProductsPage', { timeout: 20_000 }, () => {
  it('lists the catalogue with categories, filters by the tree, searches and pages on with the cursor', async () => {
    const { fetch, requests } = productsServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/products': (request) => {
          const url = new URL(request.url);
          if (url.searchParams.get('cursor')) return json({ data: [product({ id: '0190a0b0-0000-7000-8000-0000000b0002', code: 'XE60DA', name: 'XE60DA 小型挖掘机' })], nextCursor: null });
          return json({ data: [product()], nextCursor: 'next-1' });
        },
      },
    });
    await renderApp('/products', { fetch, language: 'zh-CN' });

    const table = await screen.findByTestId('products-table');
    expect(await within(table).findByText('XE35U')).toBeTruthy();
    expect(within(table).getByText('XE35U 小型挖掘机')).toBeTruthy();
    expect(await within(table).findByText('小型挖掘机')).toBeTruthy();
    // The cost price is hidden from this caller: no column.
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).not.toContain('成本价');

    fireEvent.click(screen.getByTestId('products-load-more'));
    expect(await within(table).findByText('XE60DA')).toBeTruthy();
    expect(new URL(requestsTo(requests, 'GET', '/api/v1/products')[1].url).searchParams.get('cursor')).toBe('next-1');

    fireEvent.click(await screen.findByTestId(`category-${MINI.id}`));
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/products').some((r) => new URL(r.url).searchParams.get('categoryId') === MINI.id)).toBe(true));

    fireEvent.change(screen.getByTestId('products-search'), { target: { value: 'xe35' } });
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/products').some((r) => new URL(r.url).searchParams.get('q') === 'xe35')).toBe(true));
  });

  it('shows the cost price, as sent and in its own currency, to who may read it', async () => {
    const { fetch } = productsServer({
      productFields: { ...PRODUCT_FIELDS, costPrice: 'edit', costCurrency: 'edit' },
      routes: { 'GET /api/v1/products': () => json({ data: [product({ costPrice: '1181000.50' }), product({ id: '0190a0b0-0000-7000-8000-0000000000f2', code: 'XE35U-EU', nameEn: 'XE35U mini excavator (EU)', costPrice: '9000.00', costCurrency: 'EUR' })], nextCursor: null }) },
    });
    await renderApp('/products', { fetch, language: 'en' });
    const table = await screen.findByTestId('products-table');
    expect(await within(table).findByText('CNY 1,181,000.50')).toBeTruthy();
    expect(within(table).getByText('EUR 9,000.00')).toBeTruthy();
    expect(within(table).getByText('XE35U mini excavator')).toBeTruthy();
    expect(screen.getByTestId('products-tab-priceLists')).toBeTruthy();
  });

  it('creates a product as someone who may: a taken code is shown on the code field', async () => {
    const { fetch, requests } = productsServer({
      productLevels: { read: 'all', create: 'all', update: 'all', delete: 'none', reassign: 'none' },
      routes: {
        'GET /api/v1/products': () => json({ data: [product()], nextCursor: null }),
        'POST /api/v1/products': () => problem(409, 'conflict', { errors: [{ field: 'code', message: 'is already taken' }] }),
      },
    });
    await renderApp('/products', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('product-create'));
    fireEvent.change(await screen.findByTestId('product-form-code'), { target: { value: 'xe35u' } });
    fireEvent.change(screen.getByTestId('product-form-name'), { target: { value: '测试' } });
    fireEvent.change(screen.getByTestId('product-form-name-en'), { target: { value: 'Test' } });
    // The category, chosen in the tree select.
    fireEvent.mouseDown(within(screen.getByTestId('product-form')).getAllByRole('combobox')[0]);
    fireEvent.click(await screen.findByTitle('Mini excavators'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Another product has this code')).toBeTruthy();
    const [post] = requestsTo(requests, 'POST', '/api/v1/products');
    expect(await post.json()).toMatchObject({ code: 'xe35u', name: '测试', nameEn: 'Test', categoryId: MINI.id, unit: '台', active: true });
  });

  it('says so to who may not read the catalogue, and asks for nothing', async () => {
    const { fetch, requests } = productsServer({ productLevels: NONE, priceListLevels: NONE });
    await renderApp('/products', { fetch, language: 'en' });
    expect(await screen.findByTestId('products-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/products')).toHaveLength(0));
  });
});
