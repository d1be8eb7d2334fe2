import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/api';

/**
 * Why approving, rejecting or asking for a role grant failed, in the UI language, told by the field the API's
 * problem names (`userId`: a pending request exists; `userVersion`: the user changed; `expiresAt`: expired;
 * `status`: already decided; `requestedBy`: your own request). Anything else is shown as sent.
 */
export function roleGrantErrorText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  const fields = error.fieldErrors;
  if (error.status === 409) {
    if ('userId' in fields) return t('admin.approvals.errors.pendingExists');
    if ('userVersion' in fields) return t('admin.approvals.errors.userChanged');
    if ('expiresAt' in fields) return t('admin.approvals.errors.expired');
    const decided = /(approved|rejected)$/.exec(fields.status ?? '')?.[1];
    if (decided) return t('admin.approvals.errors.alreadyDecided', { status: t(`admin.approvals.status.${decided as 'approved' | 'rejected'}`) });
    return error.detail ?? t('errors.generic');
  }
  if (error.status === 403) {
    if ('requestedBy' in fields) return t('admin.approvals.errors.ownRequest');
    return error.detail ?? t('admin.users.errors.forbidden');
  }
  if (error.status === 404) return t('admin.approvals.errors.gone');
  return t('errors.generic');
}
