import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys } from './keys';
import type { Account } from './list-accounts';

export type CreateAccountBody = Schema<'CreateAccountDto'>;

export function useCreateAccount() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAccountBody): Promise<Account> => unwrap(api.client.POST('/api/v1/accounts', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.lists() }),
  });
}
