import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type AccessExplanation = Schema<'AccessExplanationDto'>;
export type ActionVerdict = Schema<'ActionVerdictDto'>;

export interface ExplainParams {
  entity: Schema<'ObjectType'>;
  /** The record's id. */
  id: string;
  /** The id of the user whose access is explained. */
  user: string;
}

export const explainKeys = {
  all: ['access-explain'] as const,
  one: (params: ExplainParams) => [...explainKeys.all, params] as const,
};

/** Why a user can or cannot act on a record (system administrators and auditors; never the record's values). */
export function explainQueryOptions(api: Api, params: ExplainParams) {
  return queryOptions({
    queryKey: explainKeys.one(params),
    queryFn: ({ signal }): Promise<AccessExplanation> => unwrap(api.client.GET('/api/v1/access/explain', { params: { query: params }, signal })),
    // Access changes with every share or policy edit: always ask again.
    staleTime: 0,
  });
}

export function useAccessExplanation(params: ExplainParams | null) {
  const api = useApi();
  return useQuery({ ...explainQueryOptions(api, params ?? { entity: 'account', id: '', user: '' }), enabled: params !== null });
}
