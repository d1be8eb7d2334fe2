import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, directoryHandler, type FakeDirectoryUser } from '@/testing/fake-api';
import { createApi } from './api';
import { directoryUserQueryOptions, userSearchQueryOptions, directoryKeys } from './directory';

function uuid(n: number): string {
  return `0190a0b0-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

function person(n: number): FakeDirectoryUser {
  return { id: uuid(n), name: `用户${n}`, nameEn: `User ${n}`, email: `user${n}@lianxi.test`, team: null };
}

function setup(users: FakeDirectoryUser[]) {
  const { fetch, requests } = createFakeFetch({ 'GET /api/v1/directory/users': directoryHandler(users) });
  const api = createApi({ baseUrl: 'http://localhost', fetch });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const idCalls = () => requests.map((request) => new URL(request.url).searchParams).filter((params) => params.has('ids'));
  return { api, client, requests, idCalls };
}

describe('the colleague directory', () => {
  it('resolves the ids asked for together in one call per hundred; unknown and malformed ids are null', async () => {
    const users = Array.from({ length: 150 }, (_, index) => person(index + 1));
    const { api, client, idCalls } = setup(users);
    const asked = [...users.map((user) => user.id), uuid(999), 'not-a-uuid'];

    const answers = await Promise.all(asked.map((id) => client.fetchQuery(directoryUserQueryOptions(api, id))));

    expect(answers.slice(0, 150).map((user) => user?.nameEn)).toEqual(users.map((user) => user.nameEn));
    expect(answers.slice(150)).toEqual([null, null]);
    const calls = idCalls();
    expect(calls.map((params) => params.get('ids')?.split(',').length)).toEqual([100, 51]);
    expect(calls.every((params) => params.get('limit') === '100')).toBe(true);
    expect(calls.some((params) => params.get('ids')?.includes('not-a-uuid'))).toBe(false);
  });

  it('remembers the people a search found, so their names need no lookup', async () => {
    const { api, client, idCalls } = setup([person(1), person(2)]);
    await client.fetchQuery(userSearchQueryOptions(api, 'user'));

    expect(client.getQueryData(directoryKeys.user(uuid(2)))).toEqual({ ...person(2), active: true });
    expect((await client.fetchQuery(directoryUserQueryOptions(api, uuid(2))))?.nameEn).toBe('User 2');
    expect(idCalls()).toEqual([]);
  });
});
