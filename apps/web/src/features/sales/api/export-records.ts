import { useMutation } from '@tanstack/react-query';
import type { paths } from '@lianxi/api-client';
import { toApiError } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { filenameFrom, saveBlob } from '@/lib/download';

export type AccountExportParams = NonNullable<paths['/api/v1/accounts/export']['get']['parameters']['query']>;
export type ContactExportParams = NonNullable<paths['/api/v1/contacts/export']['get']['parameters']['query']>;

export type ExportRequest = { objectType: 'account'; params: AccountExportParams } | { objectType: 'contact'; params: ContactExportParams };
/** The file the API writes: CSV (UTF-8 with BOM) or an Excel workbook. */
export type ExportFormat = NonNullable<AccountExportParams['format']>;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Downloads what the caller may see as CSV or an Excel workbook (`params.format`), with the list's search, filters and sort, through the API client (so the
 * bearer token and its refresh apply), and saves it as a file. The API leaves out hidden columns, masks masked ones,
 * and refuses more than 100,000 rows with a 400 (the mutation's error).
 */
export function useExportRecords() {
  const api = useApi();
  return useMutation({
    mutationFn: async (request: ExportRequest): Promise<void> => {
      const { data, error, response } =
        request.objectType === 'account'
          ? await api.client.GET('/api/v1/accounts/export', { params: { query: request.params }, parseAs: 'blob' })
          : await api.client.GET('/api/v1/contacts/export', { params: { query: request.params }, parseAs: 'blob' });
      if (!response.ok || !data) throw toApiError(error, response);
      saveBlob(data, filenameFrom(response, `${request.objectType}s-${today()}.${request.params.format ?? 'csv'}`));
    },
  });
}
