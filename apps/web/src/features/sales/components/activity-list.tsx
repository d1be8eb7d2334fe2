import { CalendarOutlined, CheckOutlined, EnvironmentOutlined, FileTextOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { formatDueAt, isOverdue, useUpdateActivity, type Activity, type ActivityKind } from '../api/activities';

const KIND_ICONS: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  meeting: <TeamOutlined />,
  visit: <EnvironmentOutlined />,
  task: <CalendarOutlined />,
  note: <FileTextOutlined />,
};

export interface ActivityListProps {
  activities: Activity[];
  loading: boolean;
  testId?: string;
}

/** Activities as far as the caller may read them, newest or soonest first as given; planned ones can be marked done. */
export function ActivityList({ activities, loading, testId = 'activity-list' }: ActivityListProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const update = useUpdateActivity();
  // Whether this activity may be changed is decided by the API (403); the list offers it to who may update some.
  const canComplete = permissions.canDo('activity', 'update') && permissions.fieldAccess('activity', 'status') === 'edit';

  function complete(activity: Activity) {
    update.mutate(
      { id: activity.id, version: activity.version, changes: { status: 'done' } },
      {
        onSuccess: () => void message.success(t('activities.completed')),
        onError: (error) => {
          const text = error instanceof ApiError ? (error.status === 412 ? t('records.delete.conflict') : error.status === 403 ? t('can.notAllowed') : t('errors.generic')) : t('errors.network');
          void message.error(text);
        },
      },
    );
  }

  return (
    <List<Activity>
      loading={loading}
      dataSource={activities}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.empty')} /> }}
      data-testid={testId}
      renderItem={(activity) => {
        const overdue = isOverdue(activity);
        return (
          <List.Item
            key={activity.id}
            data-testid={`activity-${activity.id}`}
            actions={
              canComplete && activity.status === 'planned'
                ? [
                    <Button key="done" size="small" icon={<CheckOutlined />} onClick={() => complete(activity)} loading={update.isPending && update.variables.id === activity.id} data-testid={`activity-done-${activity.id}`}>
                      {t('activities.markDone')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              avatar={activity.kind ? KIND_ICONS[activity.kind] : undefined}
              title={
                <Space size={[8, 4]} wrap>
                  <span>{activity.subject ?? t('records.unnamed')}</span>
                  {activity.kind && <Tag>{t(`activities.kinds.${activity.kind}`)}</Tag>}
                  {activity.status && (
                    <Tag color={overdue ? 'red' : activity.status === 'done' ? 'green' : activity.status === 'cancelled' ? 'default' : 'blue'} data-testid={`activity-status-${activity.id}`}>
                      {overdue ? t('activities.overdue') : t(`activities.statuses.${activity.status}`)}
                    </Tag>
                  )}
                  {activity.priority === 'high' && <Tag color="orange">{t('activities.priorities.high')}</Tag>}
                </Space>
              }
              description={
                <Flex vertical gap={2}>
                  <Typography.Text type="secondary">
                    {formatDueAt(activity.dueAt, i18n.language)}
                    {activity.location ? ` · ${activity.location}` : ''} · <UserName id={activity.ownerId} />
                  </Typography.Text>
                  {activity.outcome && <Typography.Text>{activity.outcome}</Typography.Text>}
                  {activity.description && <Typography.Text type="secondary">{activity.description}</Typography.Text>}
                </Flex>
              }
            />
          </List.Item>
        );
      }}
    />
  );
}
