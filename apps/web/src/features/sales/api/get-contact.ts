import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { contactKeys } from './keys';
import type { Contact } from './list-account-contacts';

/** One contact with `myAccess`; 404 when it does not exist or the caller may not see it. */
export function contactQueryOptions(api: Api, id: string) {
  return queryOptions({
    queryKey: contactKeys.detail(id),
    queryFn: ({ signal }): Promise<Contact> => unwrap(api.client.GET('/api/v1/contacts/{id}', { params: { path: { id } }, signal })),
  });
}

export function useContact(id: string) {
  return useQuery(contactQueryOptions(useApi(), id));
}
