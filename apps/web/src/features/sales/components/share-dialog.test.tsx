import { configure, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { pickOption, typeInSelect } from '@/testing/select';
import { setupUser } from '@/testing/user';
import { ACCOUNT_ID, FORMER_USER_ID, ME, REP_E2_ID, TEAM_E2, TEAMMATE_ID, requestsTo, salesServer } from '../testing/sales-server';

configure({ asyncUtilTimeout: 5000 });

const SHARES_PATH = `/api/v1/accounts/${ACCOUNT_ID}/shares`;
const USER_SHARE = { id: '0190a0b0-0000-7000-8000-0000000005a1', userId: TEAMMATE_ID, teamId: null, access: 'read', grantedBy: ME.id, createdAt: '2026-02-01T08:00:00.000Z' };
/** Granted by someone who has left since: the directory no longer knows them. */
const FORMER_SHARE = { id: '0190a0b0-0000-7000-8000-0000000005a3', userId: null, teamId: TEAM_E2.id, access: 'edit', grantedBy: FORMER_USER_ID, createdAt: '2026-01-15T08:00:00.000Z' };

/** Shares kept in memory: POST adds (or changes) one, DELETE removes one, GET lists them. */
function sharingServer(initial: Record<string, unknown>[] = [USER_SHARE]) {
  let shares = initial;
  return salesServer({
    routes: {
      [`GET ${SHARES_PATH}`]: () => json(shares),
      [`POST ${SHARES_PATH}`]: async (request) => {
        const body = (await request.json()) as { userId?: string; teamId?: string; access: string };
        const share = { id: '0190a0b0-0000-7000-8000-0000000005a2', userId: body.userId ?? null, teamId: body.teamId ?? null, access: body.access, grantedBy: ME.id, createdAt: '2026-02-02T08:00:00.000Z' };
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

function directoryCalls(requests: Request[]): URLSearchParams[] {
  return requestsTo(requests, 'GET', '/api/v1/directory/users').map((request) => new URL(request.url).searchParams);
}

describe('ShareDialog', { timeout: 20_000 }, () => {
  it('lists the shares with names from the directory (one batched lookup), shares with a team, and revokes a share', async () => {
    const { fetch, requests } = sharingServer([USER_SHARE, FORMER_SHARE]);
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-share'));

    const table = await screen.findByTestId('shares-table');
    const userRow = (await within(table).findByText('Li Jing')).closest('tr');
    if (!userRow) throw new Error('no share row');
    expect(within(userRow).getByText('Read')).toBeTruthy();
    expect(within(userRow).getByText('Wang Lei (you)')).toBeTruthy();
    // Someone the directory does not know keeps a neutral label.
    expect(await within(table).findByText('User …0000ff')).toBeTruthy();
    // Names not known yet (from the session or an earlier search) went out in one call.
    const lookups = directoryCalls(requests).filter((params) => params.has('ids'));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.get('ids')?.split(',')).toContain(FORMER_USER_ID);

    await user.click(screen.getByTestId('share-kind-team'));
    await pickOption('share-team', 'Group E2 (E2)');
    await pickOption('share-access', 'Edit');
    await user.click(screen.getByTestId('share-add'));

    await waitFor(() => expect(within(table).getAllByText('Group E2 (E2)')).toHaveLength(2));
    const [granted] = requestsTo(requests, 'POST', SHARES_PATH);
    expect(await granted?.json()).toEqual({ teamId: TEAM_E2.id, access: 'edit' });

    await user.click(screen.getByTestId(`share-revoke-${USER_SHARE.id}`));
    const confirm = (await screen.findByText('Stop sharing with them?')).closest<HTMLElement>('.ant-popover');
    if (!confirm) throw new Error('no confirmation');
    await user.click(within(confirm).getByText('Revoke'));
    await waitFor(() => expect(within(table).queryByText('Li Jing')).toBeNull());
    expect(requestsTo(requests, 'DELETE', `${SHARES_PATH}/${USER_SHARE.id}`)).toHaveLength(1);
  });

  it('shares with a user found by name in the colleague directory', async () => {
    const { fetch, requests } = sharingServer([]);
    await renderApp(`/sales/accounts/${ACCOUNT_ID}`, { fetch, language: 'en' });
    const user = setupUser();
    await user.click(await screen.findByTestId('record-share'));
    const table = await screen.findByTestId('shares-table');

    // Users first: every signed-in user may search the directory.
    typeInSelect('share-user', 'zhang');
    await waitFor(() => expect(directoryCalls(requests).some((params) => params.get('q') === 'zhang')).toBe(true));
    await pickOption('share-user', 'Zhang Wei · rep.e2@lianxi.test');
    await user.click(screen.getByTestId('share-add'));

    expect(await within(table).findByText('Zhang Wei')).toBeTruthy();
    const [granted] = requestsTo(requests, 'POST', SHARES_PATH);
    expect(await granted?.json()).toEqual({ userId: REP_E2_ID, access: 'read' });
    // The picked user's name came with the search: no lookup by id.
    expect(directoryCalls(requests).every((params) => params.get('ids') === null)).toBe(true);
  });
});
