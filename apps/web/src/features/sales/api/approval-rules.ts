import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { ifMatch, unwrap, type Api } from '@/lib/api';
import { useApi } from '@/lib/api-context';

export type ApprovalRules = Schema<'ApprovalRulesDto'>;
export type ApprovalRuleInput = Schema<'ApprovalRuleInputDto'>;
export type Approver = Schema<'Approver'>;

export const APPROVERS: Approver[] = ['none', 'sales_manager', 'sales_director'];

export const approvalRuleKeys = {
  all: ['approval-rules'] as const,
};

export function approvalRulesQueryOptions(api: Api) {
  return queryOptions({
    queryKey: approvalRuleKeys.all,
    queryFn: ({ signal }): Promise<ApprovalRules> => unwrap(api.client.GET('/api/v1/approval-rules', { signal })),
  });
}

/** The special-price approval rules (needs the read right on `approval_rule`). */
export function useApprovalRules({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...approvalRulesQueryOptions(useApi()), enabled });
}

/** Replaces every rule with If-Match of the version shown; the answer (with its new version) replaces the cache. */
export function useUpdateApprovalRules() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, rules }: { version: number; rules: ApprovalRuleInput[] }): Promise<ApprovalRules> =>
      unwrap(api.client.PUT('/api/v1/approval-rules', { params: { header: ifMatch(version) }, body: { rules } })),
    onSuccess: (rules) => queryClient.setQueryData(approvalRuleKeys.all, rules),
  });
}
