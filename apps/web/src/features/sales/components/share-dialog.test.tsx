import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { setupUser } from '@/testing/user';
import { ACCOUNT_ID, ME, TEAM_E2, TEAMMATE_ID, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const SHARES_PATH = `/api/v1/accounts/${ACCOUNT_ID}/shares`;
const USER_SHARE = { id: '0190a0b0-0000-7000-8000-0000000005a1', userId: TEAMMATE_ID, teamId: null, access: 'read', grantedBy: ME.id, createdAt: '2026-02-01T08:00:00.000Z' };

/** Shares kept in memory: POST adds (or changes) one, DELETE removes one, GET lists them. */
function sharingServer() {
  let shares: Record<string, unknown>[] = [USER_SHARE];
  return salesServer({
    routes: {
      [`GET ${SHARES_PATH}`]: () => json(shares),
      [`POST ${SHARES_PATH}`]: async (request) => {
        const body = (await request.json()) as { teamId?: string; access: string };
        const share = { id: '0190a0b0-0000-7000-8000-0000000005a2', userId: null, teamId: body.teamId, access: body.access, grantedBy: ME.id, createdAt: '2026-02-02T08:00:00.000Z' };
        shares = [...shares, share];
        return json(share, 201);
      },
      [`DELETE ${SHARES_PATH}/${USER_SHARE.id}`]: () => {
        shares = shares.filter((share) => share.id !== USER_SHARE.id);
        return new Response(null, { status: 204 });
      },
    },
  });
}

/** Opens an antd Select and picks an option with plain DOM events (user-event is slow on antd's popups in jsdom). */
async function pick(testId: string, label: string) {
  const select = screen.getByTestId(testId).closest<HTMLElement>('.ant-select');
  const input = select?.querySelector('input');
  if (!input) throw new Error(`${testId} is no select`);
  fireEvent.mouseDown(input);
  const option = (await screen.findAllByText(label)).find((element) => element.closest('.ant-select-item-option'));
  if (!option) throw new Error(`no option ${label}`);
  fireEvent.click(option);
}

describe('ShareDialog', { timeout: 20_000 }, () => {
  it('lists the shares, shares with a team, and revokes a share', async () => {
    const { fetch, requests } = sharingServer();
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-share'));

    const table = await screen.findByTestId('shares-table');
    const userRow = (await within(table).findByText('User …000002')).closest('tr');
    if (!userRow) throw new Error('no share row');
    expect(within(userRow).getByText('Read')).toBeTruthy();
    expect(within(userRow).getByText('Wang Lei (you)')).toBeTruthy();
    // No user directory for a sales rep: sharing goes to teams.
    expect(screen.getByTestId<HTMLInputElement>('share-kind-user').disabled).toBe(true);

    await pick('share-team', 'Group E2 (E2)');
    await pick('share-access', 'Edit');
    await user.click(screen.getByTestId('share-add'));

    expect(await within(table).findByText('Group E2 (E2)')).toBeTruthy();
    const [granted] = requestsTo(requests, 'POST', SHARES_PATH);
    expect(await granted?.json()).toEqual({ teamId: TEAM_E2.id, access: 'edit' });

    await user.click(screen.getByTestId(`share-revoke-${USER_SHARE.id}`));
    const confirm = (await screen.findByText('Stop sharing with them?')).closest<HTMLElement>('.ant-popover');
    if (!confirm) throw new Error('no confirmation');
    await user.click(within(confirm).getByText('Revoke'));
    await waitFor(() => expect(within(table).queryByText('User …000002')).toBeNull());
    expect(requestsTo(requests, 'DELETE', `${SHARES_PATH}/${USER_SHARE.id}`)).toHaveLength(1);
  });
});
