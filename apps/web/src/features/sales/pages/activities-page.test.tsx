import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';
import { ACCOUNT_ID, ME, REP_LEVELS, activity, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const OVERDUE_ID = '0190a0b0-0000-7000-8000-00000000ac02';
const PAST = '2020-01-06T02:00:00.000Z';
const FUTURE = '2099-01-05T02:00:00.000Z';

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);

describe('ActivitiesPage', { timeout: 20_000 }, () => {
  it('lists my open to-dos soonest first, flags the overdue ones, and marks one done with its version', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        'GET /api/v1/activities': () =>
          json({ data: [activity({ id: OVERDUE_ID, kind: 'task', subject: '发送报价 Send the quote', dueAt: PAST, version: 4 }), activity({ dueAt: FUTURE })], nextCursor: null }),
        [`PATCH /api/v1/activities/${OVERDUE_ID}`]: () => json(activity({ id: OVERDUE_ID, status: 'done', version: 5 })),
      },
    });
    await renderApp('/sales/activities', { fetch, language: 'en' });

    const list = await screen.findByTestId('activities-todo');
    expect(await within(list).findByText('发送报价 Send the quote')).toBeTruthy();
    expect(screen.getByTestId(`activity-status-${OVERDUE_ID}`).textContent).toBe('Overdue');
    expect(screen.getByTestId('activity-status-0190a0b0-0000-7000-8000-00000000ac01').textContent).toBe('Planned');
    const [first] = requestsTo(requests, 'GET', '/api/v1/activities');
    expect(query(first)).toMatchObject({ status: 'planned', sort: 'dueAt', ownerId: ME.id });

    fireEvent.click(screen.getByTestId(`activity-done-${OVERDUE_ID}`));
    expect(await screen.findByText('Marked as done')).toBeTruthy();
    const [patch] = requestsTo(requests, 'PATCH', `/api/v1/activities/${OVERDUE_ID}`);
    expect(patch.headers.get('If-Match')).toBe('W/"4"');
    expect(await patch.json()).toEqual({ status: 'done' });

    // Everything the caller may see (a manager's team): no owner filter.
    fireEvent.click(screen.getByTestId('activities-only-mine'));
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/activities').some((request) => !('ownerId' in query(request)))).toBe(true));
  });

  it('shows a week day by day, asking for exactly that week', async () => {
    const monday = new Date();
    monday.setHours(0, 0, 0, 0);
    monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
    const wednesday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 2, 10, 30);
    const key = `${wednesday.getFullYear()}-${String(wednesday.getMonth() + 1).padStart(2, '0')}-${String(wednesday.getDate()).padStart(2, '0')}`;
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: { 'GET /api/v1/activities': (request) => json({ data: query(request).dueFrom ? [activity({ dueAt: wednesday.toISOString() })] : [], nextCursor: null }) },
    });
    await renderApp('/sales/activities', { fetch, language: 'zh-CN' });
    const user = setupUser();
    await user.click(await screen.findByTestId('activities-view-week'));

    const day = await screen.findByTestId(`activities-day-${key}`);
    expect(await within(day).findByText('拜访徐州恒达：现场勘查')).toBeTruthy();
    const asked = requestsTo(requests, 'GET', '/api/v1/activities').map(query).find((q) => q.dueFrom);
    expect(asked).toMatchObject({ sort: 'dueAt', dueFrom: monday.toISOString(), dueBefore: new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7).toISOString() });

    await user.click(screen.getByTestId('activities-week-next'));
    await waitFor(() =>
      expect(requestsTo(requests, 'GET', '/api/v1/activities').map(query).some((q) => q.dueFrom === new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7).toISOString())).toBe(true),
    );
  });

  it('shows a month as a calendar, asking for exactly that month, and a day opens its week', async () => {
    const now = new Date();
    const first = new Date(now.getFullYear(), now.getMonth(), 1);
    const tenth = new Date(now.getFullYear(), now.getMonth(), 10, 9, 0);
    const key = `${tenth.getFullYear()}-${String(tenth.getMonth() + 1).padStart(2, '0')}-10`;
    const four = [1, 2, 3, 4].map((n) => activity({ id: `0190a0b0-0000-7000-8000-00000000ad0${n}`, subject: `回访 ${n}`, dueAt: tenth.toISOString() }));
    const { fetch, requests } = salesServer({
      language: 'zh-CN',
      routes: { 'GET /api/v1/activities': (request) => json({ data: query(request).dueFrom ? four : [], nextCursor: null }) },
    });
    await renderApp('/sales/activities', { fetch, language: 'zh-CN' });
    const user = setupUser();
    await user.click(await screen.findByTestId('activities-view-month'));

    const cell = await screen.findByTestId(`activities-month-${key}`);
    // Three titles and a count of the rest.
    expect(await within(cell).findByText('回访 1')).toBeTruthy();
    expect(within(cell).queryByText('回访 4')).toBeNull();
    expect(within(cell).getByText('另有 1 条')).toBeTruthy();
    const asked = requestsTo(requests, 'GET', '/api/v1/activities').map(query).find((q) => q.dueFrom);
    expect(asked).toMatchObject({ sort: 'dueAt', dueFrom: first.toISOString(), dueBefore: new Date(now.getFullYear(), now.getMonth() + 1, 1).toISOString() });

    await user.click(cell);
    expect(await screen.findByTestId(`activities-day-${key}`)).toBeTruthy();
  });

  it('says so to who may not read activities', async () => {
    const { fetch, requests } = salesServer({ activityLevels: { ...REP_LEVELS, read: 'none', create: 'none', update: 'none', delete: 'none' } });
    await renderApp('/sales/activities', { fetch });
    expect(await screen.findByTestId('activities-no-access')).toBeTruthy();
    expect(requestsTo(requests, 'GET', '/api/v1/activities')).toHaveLength(0);
  });
});

describe('the activity timeline of an account', { timeout: 20_000 }, () => {
  it('shows the account\'s activities latest first and logs a call about the account', async () => {
    const { fetch, requests } = salesServer({
      language: 'en',
      routes: {
        'GET /api/v1/activities': () => json({ data: [activity({ kind: 'call', status: 'done', subject: '电话确认需求', outcome: '需求确认', dueAt: PAST })], nextCursor: null }),
        'POST /api/v1/activities': () => json(activity(), 201),
      },
    });
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    const timeline = await screen.findByTestId('activity-timeline');
    expect(await within(timeline).findByText('电话确认需求')).toBeTruthy();
    expect(within(timeline).getByText('需求确认')).toBeTruthy();
    const [listed] = requestsTo(requests, 'GET', '/api/v1/activities');
    expect(query(listed)).toMatchObject({ accountId: ACCOUNT_ID, sort: '-dueAt' });

    const user = setupUser();
    await user.click(screen.getByTestId('activity-log'));
    await user.type(await screen.findByTestId('activity-subject'), '现场勘查 Site survey');
    fireEvent.change(screen.getByTestId('activity-due'), { target: { value: '2026-12-03T10:00' } });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(requestsTo(requests, 'POST', '/api/v1/activities')).toHaveLength(1));
    const [posted] = requestsTo(requests, 'POST', '/api/v1/activities');
    expect(await posted.json()).toEqual({
      kind: 'call',
      subject: '现场勘查 Site survey',
      status: 'done',
      priority: 'normal',
      relatedType: 'account',
      relatedId: ACCOUNT_ID,
      dueAt: new Date('2026-12-03T10:00').toISOString(),
    });
  });

  it('is left out for who may not read activities', async () => {
    const { fetch, requests } = salesServer({ activityLevels: { ...REP_LEVELS, read: 'none' } });
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch });
    await screen.findByTestId('record-delete');
    expect(screen.queryByTestId('activity-timeline')).toBeNull();
    expect(requestsTo(requests, 'GET', '/api/v1/activities')).toHaveLength(0);
  });
});
