import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { NONE, priceList, productsServer, requestsTo } from '../testing/products-server';

configure({ asyncUtilTimeout: 5000 });

describe('PriceListsPage', { timeout: 20_000 }, () => {
  it('lists the price lists with currency, validity, default and entry count', async () => {
    const { fetch } = productsServer({
      language: 'zh-CN',
      routes: {
        'GET /api/v1/price-lists': () =>
          json([priceList(), priceList({ id: '0190a0b0-0000-7000-8000-0000000b1003', name: '2026 Export price list', currency: 'USD', validTo: '2026-12-31', entryCount: 35 })]),
      },
    });
    await renderApp('/products/price-lists', { fetch, language: 'zh-CN' });
    const table = await screen.findByTestId('price-lists-table');
    expect(await within(table).findByText('2026 国内标准价目表')).toBeTruthy();
    expect(within(table).getByText('2026-01-01 – 长期有效')).toBeTruthy();
    expect(within(table).getByText('2026-01-01 – 2026-12-31')).toBeTruthy();
    expect([...table.querySelectorAll('.ant-tag')].map((tag) => tag.textContent)).toEqual(['默认', '默认']);
    expect(within(table).getByText('35')).toBeTruthy();
    expect(screen.getByTestId('products-tab-catalogue')).toBeTruthy();
  });

  it('creates a price list as someone who may; a server field error lands on its field', async () => {
    const { fetch, requests } = productsServer({
      priceListLevels: { read: 'all', create: 'all', update: 'all', delete: 'none', reassign: 'none' },
      routes: {
        'GET /api/v1/price-lists': () => json([priceList()]),
        'POST /api/v1/price-lists': () => problem(400, 'validation_failed', { errors: [{ field: 'validTo', message: 'must be on or after validFrom' }] }),
      },
    });
    await renderApp('/products/price-lists', { fetch, language: 'en' });
    fireEvent.click(await screen.findByTestId('price-list-create'));
    fireEvent.change(await screen.findByTestId('price-list-form-name'), { target: { value: 'EUR 2027' } });
    fireEvent.change(screen.getByTestId('price-list-form-currency'), { target: { value: 'eur' } });
    fireEvent.change(screen.getByTestId('price-list-form-valid-from'), { target: { value: '2027-01-02' } });
    fireEvent.change(screen.getByTestId('price-list-form-valid-to'), { target: { value: '2027-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('must be on or after validFrom')).toBeTruthy();
    const [post] = requestsTo(requests, 'POST', '/api/v1/price-lists');
    expect(await post.json()).toEqual({ name: 'EUR 2027', currency: 'EUR', validFrom: '2027-01-02', validTo: '2027-01-01', isDefault: false });
  });

  it('says so to who may not read price lists (the quality inspector), and asks for nothing', async () => {
    const { fetch, requests } = productsServer({ priceListLevels: NONE });
    await renderApp('/products/price-lists', { fetch, language: 'en' });
    expect(await screen.findByTestId('price-lists-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/price-lists')).toHaveLength(0));
  });
});
