import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useActivities } from '../api/activities';
import { ActivityList } from './activity-list';

/** The work desktop's visits of the day: the caller's, in time order, whatever their status. */
export function TodaysVisitsCard({ userId, startOfToday, endOfToday }: { userId: string; startOfToday: Date; endOfToday: Date }) {
  const { t } = useTranslation();
  const visits = useActivities({ ownerId: userId, kind: 'visit', dueFrom: startOfToday.toISOString(), dueBefore: endOfToday.toISOString(), sort: 'dueAt', limit: 50 });
  return (
    <Card size="small" title={t('desk.visits')} data-testid="desk-visits">
      {visits.isError && <Alert type="error" showIcon title={visits.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <ActivityList activities={visits.data?.pages.flatMap((page) => page.data) ?? []} loading={visits.isPending} testId="desk-visit-list" />
    </Card>
  );
}
