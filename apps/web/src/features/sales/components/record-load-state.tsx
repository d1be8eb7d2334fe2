import type { RecordObjectType } from '../utils/record-fields';
import { Alert, Button, Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';

/**
 * A record page before its record is there: loading, or why not. A 404 reads the same whether the record does
 * not exist or the caller may not see it, as the API intends.
 */
export function RecordLoadState({ objectType, error }: { objectType: RecordObjectType; error: unknown }) {
  const { t } = useTranslation();
  const title = <PageHeader title={t(`records.objects.${objectType}`)} />;
  if (!error) {
    return (
      <>
        {title}
        <Card>
          <Skeleton active />
        </Card>
      </>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <>
        {title}
        <Card>
          <Result
            status="404"
            title={t('records.notFound.title')}
            subTitle={t('records.notFound.subTitle')}
            extra={
              <Link to="/sales">
                <Button type="primary">{t('records.backToAccounts')}</Button>
              </Link>
            }
            data-testid="record-not-found"
          />
        </Card>
      </>
    );
  }
  return (
    <>
      {title}
      <Alert type="error" showIcon title={error instanceof ApiError ? t('errors.generic') : t('errors.network')} />
    </>
  );
}
