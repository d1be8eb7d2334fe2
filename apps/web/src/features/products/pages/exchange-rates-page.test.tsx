import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { NONE, productsServer, READ_ALL, requestsTo } from '../testing/products-server';

configure({ asyncUtilTimeout: 5000 });

const rate = (currency: string, validFrom: string, value: string) => ({ currency, validFrom, rate: value, baseCurrency: 'CNY', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: null });
const FINANCE = { read: 'all', create: 'none', update: 'all', delete: 'none', reassign: 'none' };

describe('ExchangeRatesPage', { timeout: 20_000 }, () => {
  it('lists the rates newest first with the base currency, a page at a time, filtered by currency; a reader gets no form', async () => {
    const { fetch, requests } = productsServer({
      language: 'zh-CN',
      exchangeRateLevels: READ_ALL,
      routes: {
        'GET /api/v1/exchange-rates': (request) => {
          const url = new URL(request.url);
          if (url.searchParams.get('cursor')) return json({ data: [rate('USD', '2026-10-01', '7.0800')], nextCursor: null, baseCurrency: 'CNY' });
          return json({ data: [rate('USD', '2026-11-01', '7.1234')], nextCursor: 'next', baseCurrency: 'CNY' });
        },
      },
    });
    await renderApp('/products/exchange-rates', { fetch, language: 'zh-CN' });
    const table = await screen.findByTestId('exchange-rates-table');
    expect(await within(table).findByText('1 USD = 7.1234 CNY')).toBeTruthy();
    expect(screen.getByTestId('exchange-rates-base').textContent).toContain('CNY');
    expect(screen.queryByTestId('exchange-rate-form')).toBeNull();
    expect(screen.getByTestId('products-tab-exchangeRates')).toBeTruthy();
    fireEvent.click(screen.getByTestId('exchange-rates-load-more'));
    expect(await within(table).findByText('1 USD = 7.0800 CNY')).toBeTruthy();
    const filter = screen.getByPlaceholderText('币种，例如 USD');
    fireEvent.change(filter, { target: { value: 'usd' } });
    fireEvent.keyDown(filter, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/exchange-rates').some((r) => new URL(r.url).searchParams.get('currency') === 'USD')).toBe(true));
  });

  it('finance sets a rate (path and decimal string as typed, currency upper-cased); a server field error lands on its field', async () => {
    let puts = 0;
    const { fetch, requests } = productsServer({
      exchangeRateLevels: FINANCE,
      routes: {
        'GET /api/v1/exchange-rates': () => json({ data: [], nextCursor: null, baseCurrency: 'CNY' }),
        'PUT /api/v1/exchange-rates/EUR/2026-12-01': () => (++puts === 1 ? json(rate('EUR', '2026-12-01', '7.85')) : problem(400, 'validation_failed', { errors: [{ field: 'currency', message: 'is the base currency (CNY), whose rate is always 1' }] })),
      },
    });
    await renderApp('/products/exchange-rates', { fetch, language: 'en' });
    fireEvent.change(await screen.findByTestId('exchange-rate-form-currency'), { target: { value: 'eur' } });
    fireEvent.change(screen.getByTestId('exchange-rate-form-valid-from'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByTestId('exchange-rate-form-rate'), { target: { value: '7.85' } });
    fireEvent.click(screen.getByTestId('exchange-rate-form-save'));
    await waitFor(() => expect(requestsTo(requests, 'PUT', '/api/v1/exchange-rates/EUR/2026-12-01')).toHaveLength(1));
    expect(await requestsTo(requests, 'PUT', '/api/v1/exchange-rates/EUR/2026-12-01')[0].json()).toEqual({ rate: '7.85' });
    fireEvent.change(screen.getByTestId('exchange-rate-form-rate'), { target: { value: '7.9' } });
    fireEvent.click(screen.getByTestId('exchange-rate-form-save'));
    expect(await screen.findByText('is the base currency (CNY), whose rate is always 1')).toBeTruthy();
  });

  it('says so to who may not read exchange rates, and asks for nothing', async () => {
    const { fetch, requests } = productsServer({ exchangeRateLevels: NONE });
    await renderApp('/products/exchange-rates', { fetch, language: 'en' });
    expect(await screen.findByTestId('exchange-rates-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/exchange-rates')).toHaveLength(0));
  });
});
