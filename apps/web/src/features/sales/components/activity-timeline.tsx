import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Can } from '@/components/can';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { useActivities, type ActivityRelatedType } from '../api/activities';
import { ActivityList } from './activity-list';
import { LogActivityModal } from './log-activity-modal';

const PAGE_SIZE = 20;

export interface ActivityTimelineProps {
  /** Which activities: an account's whole timeline (its contacts' and opportunities' too) or one record's. */
  filter: { accountId: string } | { relatedId: string };
  /** What an activity logged here is about. */
  about: { relatedType: ActivityRelatedType; relatedId: string; name: string };
}

/** A record's activity timeline, latest first, with "log activity" for who may create activities. */
export function ActivityTimeline({ filter, about }: ActivityTimelineProps) {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [logging, setLogging] = useState(false);
  const canRead = permissions.canDo('activity', 'read');
  const activities = useActivities({ ...filter, sort: '-dueAt', limit: PAGE_SIZE }, { enabled: canRead });
  if (!canRead) return null;

  return (
    <Card
      title={t('activities.timeline')}
      size="small"
      extra={
        <Can objectType="activity" action="create">
          <Button size="small" icon={<PlusOutlined />} onClick={() => setLogging(true)} data-testid="activity-log">
            {t('activities.log.button')}
          </Button>
        </Can>
      }
    >
      <Flex vertical gap={12}>
        {activities.isError && <Alert type="error" showIcon title={activities.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
        <ActivityList activities={activities.data?.pages.flatMap((page) => page.data) ?? []} loading={activities.isPending} testId="activity-timeline" />
        {activities.hasNextPage && (
          <Flex justify="center">
            <Button onClick={() => void activities.fetchNextPage()} loading={activities.isFetchingNextPage}>
              {t('activities.loadMore')}
            </Button>
          </Flex>
        )}
      </Flex>
      {logging && <LogActivityModal about={about} onClose={() => setLogging(false)} />}
    </Card>
  );
}
