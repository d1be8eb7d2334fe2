import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';

/**
 * Why a list could not load. A 400 means the list refused its own filters or sort — typically a saved view naming a
 * field the caller may no longer read: say which, and offer the way out (clear the filters), rather than a generic error.
 */
export function ListError({ error, onClearFilters }: { error: unknown; onClearFilters: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.status === 400) {
    // Field names as the forms label them where a label exists; otherwise the API's name.
    const label = (field: string) => (i18n.exists(`records.fields.${field}`) ? t(`records.fields.${field}` as 'records.fields.name') : field);
    const fields = Object.keys(error.fieldErrors).map(label).join(', ');
    return (
      <Alert
        type="warning"
        showIcon
        title={t('lists.refused.title')}
        description={fields ? t('lists.refused.fields', { fields }) : (error.detail ?? t('errors.generic'))}
        action={
          <Button size="small" onClick={onClearFilters} data-testid="list-clear-filters">
            {t('lists.refused.clear')}
          </Button>
        }
        data-testid="list-refused"
      />
    );
  }
  return <Alert type="error" showIcon title={error instanceof ApiError ? t('errors.generic') : t('errors.network')} />;
}
