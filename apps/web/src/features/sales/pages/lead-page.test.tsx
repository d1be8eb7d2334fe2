import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption } from '@/testing/select';
import { ACCOUNT_ID, CONTACT_ID, REP_LEVELS, account, lead, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const EDITABLE = ['name', 'company', 'title', 'phone', 'email', 'source', 'status', 'disqualifiedReason', 'rating', 'region', 'industry', 'notes'];
const LEAD = lead({ myAccess: { update: true, delete: true, reassign: false, share: true, editableFields: EDITABLE } });
const PATH = `/sales/leads/${LEAD.id}`;

describe('LeadPage', { timeout: 20_000 }, () => {
  it('converts into the matched account with an opportunity, with an Idempotency-Key', async () => {
    const converted = { ...LEAD, status: 'converted', version: 3, convertedAt: '2026-12-02T08:00:00.000Z', convertedAccountId: ACCOUNT_ID, convertedContactId: CONTACT_ID, convertedOpportunityId: null };
    const { fetch, requests } = salesServer({
      language: 'en',
      leadLevels: REP_LEVELS,
      routes: {
        [`GET /api/v1/leads/${LEAD.id}`]: () => json(LEAD, 200, { ETag: 'W/"2"' }),
        [`GET /api/v1/leads/${LEAD.id}/conversion-matches`]: () => json({ accounts: [account()] }),
        [`POST /api/v1/leads/${LEAD.id}/convert`]: () => json({ lead: converted, accountId: ACCOUNT_ID, accountExisted: true, contactId: CONTACT_ID, opportunityId: null }, 201),
      },
    });
    await renderApp(PATH, { fetch, language: 'en' });

    await waitFor(() => expect(screen.getByTestId('page-title').textContent).toBe('陈志远'));
    fireEvent.click(screen.getByTestId('lead-convert'));
    expect(await screen.findByTestId('convert-matched')).toBeTruthy();
    fireEvent.click(await screen.findByTestId(`convert-account-${ACCOUNT_ID}`));
    fireEvent.click(screen.getByTestId('convert-with-opportunity'));
    fireEvent.change(await screen.findByTestId('convert-amount'), { target: { value: '1380000.00' } });
    fireEvent.click(screen.getByTestId('convert-submit'));

    await waitFor(() => expect(requestsTo(requests, 'POST', `/api/v1/leads/${LEAD.id}/convert`)).toHaveLength(1));
    const [post] = requestsTo(requests, 'POST', `/api/v1/leads/${LEAD.id}/convert`);
    expect(await post.json()).toEqual({ accountId: ACCOUNT_ID, opportunity: { amount: '1380000.00' } });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await screen.findByTestId('lead-converted')).toBeTruthy();
    expect(screen.queryByTestId('lead-convert')).toBeNull();
  });

  it('asks for a reason to disqualify and sends it with If-Match', async () => {
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      leadLevels: REP_LEVELS,
      routes: {
        [`GET /api/v1/leads/${LEAD.id}`]: () => json(LEAD, 200, { ETag: 'W/"2"' }),
        [`PATCH /api/v1/leads/${LEAD.id}`]: () => json({ ...LEAD, status: 'disqualified', disqualifiedReason: '预算不足', version: 3 }),
      },
    });
    await renderApp(PATH, { fetch });
    await screen.findByTestId('lead-status');
    await pickOption('lead-status', '无效');
    fireEvent.change(await screen.findByTestId('disqualify-reason'), { target: { value: '预算不足' } });
    fireEvent.click(screen.getByTestId('disqualify-submit'));
    await waitFor(() => expect(requestsTo(requests, 'PATCH', `/api/v1/leads/${LEAD.id}`)).toHaveLength(1));
    const [patch] = requestsTo(requests, 'PATCH', `/api/v1/leads/${LEAD.id}`);
    expect(patch.headers.get('If-Match')).toBe('W/"2"');
    expect(await patch.json()).toEqual({ status: 'disqualified', disqualifiedReason: '预算不足' });
  });

  it('shows a converted lead read-only with links to what it became', async () => {
    const { fetch } = salesServer({
      language: 'en',
      leadLevels: REP_LEVELS,
      routes: { [`GET /api/v1/leads/${LEAD.id}`]: () => json({ ...LEAD, status: 'converted', convertedAccountId: ACCOUNT_ID, convertedContactId: CONTACT_ID }) },
    });
    await renderApp(PATH, { fetch, language: 'en' });
    const status = await screen.findByTestId('lead-status');
    expect(status.textContent).toBe('Converted');
    expect(status.closest('.ant-select')).toBeNull();
    expect(screen.queryByTestId('lead-convert')).toBeNull();
    expect(screen.getByTestId('lead-converted').querySelector(`a[href="/sales/accounts/${ACCOUNT_ID}"]`)).toBeTruthy();
    expect(screen.getByTestId('field-source').textContent).toBe('Web form');
    expect(screen.getByTestId('field-rating').textContent).toBe('Hot');
  });
});
