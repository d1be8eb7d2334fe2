import { useMutation } from '@tanstack/react-query';
import type { paths } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type ChangePasswordBody = NonNullable<paths['/api/v1/me/password']['post']['requestBody']>['content']['application/json'];

export function useChangePassword() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => unwrap(api.client.POST('/api/v1/me/password', { body })),
  });
}
