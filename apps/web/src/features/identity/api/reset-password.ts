import { useMutation } from '@tanstack/react-query';
import type { paths } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type ResetPasswordBody = NonNullable<paths['/api/v1/auth/password-reset']['post']['requestBody']>['content']['application/json'];

export function useResetPassword() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: ResetPasswordBody) => unwrap(api.client.POST('/api/v1/auth/password-reset', { body })),
  });
}
