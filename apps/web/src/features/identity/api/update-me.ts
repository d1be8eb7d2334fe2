import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { meKeys } from './get-me';

export type UpdateMeBody = NonNullable<paths['/api/v1/me']['patch']['requestBody']>['content']['application/json'];

export interface UpdateMeInput {
  changes: UpdateMeBody;
  /** The version that was read; the server answers 412 when the profile changed since. */
  version?: number;
}

export function useUpdateMe() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ changes, version }: UpdateMeInput) =>
      unwrap(
        api.client.PATCH('/api/v1/me', {
          body: changes,
          ...(version === undefined ? {} : { headers: { 'If-Match': `W/"${version}"` } }),
        }),
      ),
    onSuccess: (user) => queryClient.setQueryData(meKeys.all, user),
  });
}
