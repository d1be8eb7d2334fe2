import { Alert, Badge, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '@/lib/api';
import { isOverdue, useActivities, type Activity, type ActivityPriority } from '../api/activities';
import { ActivityList } from './activity-list';

/** Open to-dos due by the end of today; more than this and the card says so and links the full list. */
const TODO_LIMIT = 100;
const PRIORITY_RANK: Record<ActivityPriority, number> = { high: 0, normal: 1, low: 2 };

/**
 * Urgent before important: overdue first, then by priority, then by due time. The server sorts by due time only, so
 * the (bounded) day's list is ordered here.
 */
export function byUrgencyAndImportance(a: Activity, b: Activity, now = Date.now()): number {
  return (
    Number(isOverdue(b, now)) - Number(isOverdue(a, now)) ||
    PRIORITY_RANK[a.priority ?? 'normal'] - PRIORITY_RANK[b.priority ?? 'normal'] ||
    String(a.dueAt ?? '').localeCompare(String(b.dueAt ?? ''))
  );
}

/** The work desktop's to-dos: the caller's planned activities due today or overdue, urgent and important first. */
export function MyTodosCard({ userId, endOfToday }: { userId: string; endOfToday: Date }) {
  const { t } = useTranslation();
  const todos = useActivities({ ownerId: userId, status: 'planned', dueBefore: endOfToday.toISOString(), sort: 'dueAt', limit: TODO_LIMIT });
  const rows = [...(todos.data?.pages.flatMap((page) => page.data) ?? [])].sort((a, b) => byUrgencyAndImportance(a, b));
  const overdue = rows.filter((activity) => isOverdue(activity)).length;

  return (
    <Card
      size="small"
      title={
        <Flex align="center" gap={8}>
          {t('desk.todos')}
          {overdue > 0 && <Badge count={t('desk.overdueCount', { count: overdue })} style={{ backgroundColor: '#cf1322' }} data-testid="desk-overdue" />}
        </Flex>
      }
      extra={<Link to="/sales/activities">{t('desk.allActivities')}</Link>}
      data-testid="desk-todos"
    >
      {todos.isError && <Alert type="error" showIcon title={todos.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <ActivityList activities={rows} loading={todos.isPending} testId="desk-todo-list" />
      {todos.hasNextPage && <Typography.Text type="secondary">{t('desk.moreTodos', { count: TODO_LIMIT })}</Typography.Text>}
    </Card>
  );
}
