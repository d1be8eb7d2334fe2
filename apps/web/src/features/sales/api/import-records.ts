import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { idempotencyKey, unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { accountKeys, contactKeys, leadKeys } from './keys';

export type ImportResult = Schema<'ImportResultDto'>;
export type ImportDuplicateMode = Schema<'ImportDuplicateMode'>;
/** The objects with a CSV import. */
export type ImportKind = 'lead' | 'account' | 'contact';

export interface ImportRequest {
  csv: string;
  onDuplicate: ImportDuplicateMode;
  dryRun: boolean;
  /** Contacts only: the account of rows without one. */
  accountId?: string;
}

/**
 * One CSV import of leads, accounts or contacts (the API's `…/import`): a dry run previews, a real one writes and
 * refreshes the lists. Each call sends its own Idempotency-Key, so a retried request creates nothing twice.
 */
export function useImportRecords(kind: ImportKind) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ csv, onDuplicate, dryRun, accountId }: ImportRequest): Promise<ImportResult> => {
      const params = { header: idempotencyKey() };
      if (kind === 'lead') return unwrap(api.client.POST('/api/v1/leads/import', { body: { csv, onDuplicate, dryRun }, params }));
      if (kind === 'account') return unwrap(api.client.POST('/api/v1/accounts/import', { body: { csv, onDuplicate, dryRun }, params }));
      return unwrap(api.client.POST('/api/v1/contacts/import', { body: { csv, onDuplicate, dryRun, ...(accountId ? { accountId } : {}) }, params }));
    },
    onSuccess: (result, { accountId }) => {
      if (result.dryRun) return;
      if (kind === 'lead') void queryClient.invalidateQueries({ queryKey: leadKeys.lists() });
      if (kind === 'account') void queryClient.invalidateQueries({ queryKey: accountKeys.lists() });
      if (kind === 'contact') {
        void queryClient.invalidateQueries({ queryKey: contactKeys.all });
        void queryClient.invalidateQueries({ queryKey: accountId ? accountKeys.contacts(accountId) : accountKeys.all });
      }
    },
  });
}
