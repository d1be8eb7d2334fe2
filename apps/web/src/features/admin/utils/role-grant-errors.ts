import type { TFunction } from 'i18next';
import { ApiError } from '@/lib/api';

/**
 * Why approving, rejecting or asking for a role grant failed, in the UI language. The API's 409s and 403s say it in
 * English sentences; the known ones are translated, anything else is shown as sent (readable, just not translated).
 */
export function roleGrantErrorText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  const detail = error.detail ?? '';
  if (error.status === 409) {
    if ('userId' in error.fieldErrors) return t('admin.approvals.errors.pendingExists');
    if ('userVersion' in error.fieldErrors || detail.startsWith('The user has changed since')) return t('admin.approvals.errors.userChanged');
    if (detail.startsWith('This request has expired')) return t('admin.approvals.errors.expired');
    const decided = /^This request was already (approved|rejected)/.exec(detail);
    if (decided?.[1] === 'approved' || decided?.[1] === 'rejected') return t('admin.approvals.errors.alreadyDecided', { status: t(`admin.approvals.status.${decided[1]}`) });
    return detail || t('errors.generic');
  }
  if (error.status === 403) {
    if (detail.startsWith('A second administrator must approve')) return t('admin.approvals.errors.ownRequest');
    return t('admin.users.errors.forbidden');
  }
  if (error.status === 404) return t('admin.approvals.errors.gone');
  return t('errors.generic');
}
