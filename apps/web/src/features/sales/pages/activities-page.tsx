import { LeftOutlined, RightOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Segmented, Skeleton, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { useSessionUser } from '@/lib/session';
import { useActivities, type Activity } from '../api/activities';
import { ActivityList } from '../components/activity-list';
import { ActivityMonth, localDay } from '../components/activity-month';
import { SalesTabs } from '../components/sales-tabs';

type View = 'todo' | 'week' | 'month';
/** A week or a month of one person's diary fits; beyond it the view says there is more. */
const RANGE_LIMIT = 200;

/** Monday 00:00 (local time) of the week `offset` weeks from this one. */
function weekStart(offset: number, now = new Date()): Date {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7) + offset * 7);
  return start;
}

/** Whole weeks between the weeks of two days (Mondays). */
function weeksBetween(from: Date, to: Date): number {
  return Math.round((weekStart(0, to).getTime() - weekStart(0, from).getTime()) / (7 * 86_400_000));
}

/**
 * `/sales/activities`: the caller's open to-dos, soonest (and overdue) first, a week diary, day by day, and a month
 * calendar — their own by default, or everything they may see (a manager's team).
 */
export function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const me = useSessionUser();
  const [view, setView] = useState<View>('todo');
  const [onlyMine, setOnlyMine] = useState(true);
  const [weekOffset, setWeekOffset] = useState(0);
  const [monthOffset, setMonthOffset] = useState(0);
  const canRead = permissions.canDo('activity', 'read');
  const ownerId = onlyMine && me ? me.id : undefined;
  const start = weekStart(weekOffset);
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7);
  const todo = useActivities({ status: 'planned', sort: 'dueAt', limit: 50, ...(ownerId ? { ownerId } : {}) }, { enabled: canRead && view === 'todo' });
  const week = useActivities(
    { dueFrom: start.toISOString(), dueBefore: end.toISOString(), sort: 'dueAt', limit: RANGE_LIMIT, ...(ownerId ? { ownerId } : {}) },
    { enabled: canRead && view === 'week' },
  );
  const now = new Date();
  const month = new Date(now.getFullYear(), now.getMonth() + monthOffset, 1);
  const monthEnd = new Date(month.getFullYear(), month.getMonth() + 1, 1);
  const monthly = useActivities(
    { dueFrom: month.toISOString(), dueBefore: monthEnd.toISOString(), sort: 'dueAt', limit: RANGE_LIMIT, ...(ownerId ? { ownerId } : {}) },
    { enabled: canRead && view === 'month' },
  );
  const header = <PageHeader title={t('activities.title')} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('activities.noAccess.title')} subTitle={t('activities.noAccess.subTitle')} data-testid="activities-no-access" />
        </Card>
      </>
    );
  }

  const shown = { todo, week, month: monthly }[view];
  const rows = shown.data?.pages.flatMap((page) => page.data) ?? [];
  const days = Array.from({ length: 7 }, (_, index) => new Date(start.getFullYear(), start.getMonth(), start.getDate() + index));
  const byDay = new Map<string, Activity[]>();
  for (const activity of view === 'todo' ? [] : rows) {
    const key = localDay(new Date(String(activity.dueAt)));
    byDay.set(key, [...(byDay.get(key) ?? []), activity]);
  }

  return (
    <>
      {header}
      <SalesTabs current="activities" />
      <Card>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={12} wrap>
            <Segmented<View>
              value={view}
              onChange={setView}
              options={[
                { value: 'todo', label: <span data-testid="activities-view-todo">{t('activities.views.todo')}</span> },
                { value: 'week', label: <span data-testid="activities-view-week">{t('activities.views.week')}</span> },
                { value: 'month', label: <span data-testid="activities-view-month">{t('activities.views.month')}</span> },
              ]}
            />
            <Flex align="center" gap={8}>
              <Switch checked={onlyMine} onChange={setOnlyMine} size="small" data-testid="activities-only-mine" />
              <Typography.Text>{t('activities.onlyMine')}</Typography.Text>
            </Flex>
          </Flex>
          {shown.isError && <Alert type="error" showIcon title={shown.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          {view === 'todo' ? (
            <>
              <ActivityList activities={rows} loading={todo.isPending} testId="activities-todo" />
              {todo.hasNextPage && (
                <Flex justify="center">
                  <Button onClick={() => void todo.fetchNextPage()} loading={todo.isFetchingNextPage}>
                    {t('activities.loadMore')}
                  </Button>
                </Flex>
              )}
            </>
          ) : view === 'month' ? (
            <>
              <Flex align="center" gap={8} wrap>
                <Button icon={<LeftOutlined />} onClick={() => setMonthOffset(monthOffset - 1)} aria-label={t('activities.previousMonth')} data-testid="activities-month-previous" />
                <Button onClick={() => setMonthOffset(0)} disabled={monthOffset === 0}>
                  {t('activities.thisMonth')}
                </Button>
                <Button icon={<RightOutlined />} onClick={() => setMonthOffset(monthOffset + 1)} aria-label={t('activities.nextMonth')} data-testid="activities-month-next" />
                <Typography.Text strong data-testid="activities-month-label">
                  {month.toLocaleDateString(i18n.language, { year: 'numeric', month: 'long' })}
                </Typography.Text>
              </Flex>
              {monthly.hasNextPage && <Alert type="info" showIcon title={t('activities.rangeTruncated', { count: RANGE_LIMIT })} />}
              {monthly.isPending ? (
                <Skeleton active />
              ) : (
                <ActivityMonth
                  month={month}
                  byDay={byDay}
                  onPickDay={(day) => {
                    setWeekOffset(weeksBetween(now, day));
                    setView('week');
                  }}
                />
              )}
            </>
          ) : (
            <>
              <Flex align="center" gap={8} wrap>
                <Button icon={<LeftOutlined />} onClick={() => setWeekOffset(weekOffset - 1)} aria-label={t('activities.previousWeek')} data-testid="activities-week-previous" />
                <Button onClick={() => setWeekOffset(0)} disabled={weekOffset === 0}>
                  {t('activities.thisWeek')}
                </Button>
                <Button icon={<RightOutlined />} onClick={() => setWeekOffset(weekOffset + 1)} aria-label={t('activities.nextWeek')} data-testid="activities-week-next" />
                <Typography.Text strong data-testid="activities-week-range">
                  {start.toLocaleDateString(i18n.language, { dateStyle: 'medium' })} – {days[6].toLocaleDateString(i18n.language, { dateStyle: 'medium' })}
                </Typography.Text>
              </Flex>
              {week.hasNextPage && <Alert type="info" showIcon title={t('activities.rangeTruncated', { count: RANGE_LIMIT })} />}
              {week.isPending ? (
                <Skeleton active />
              ) : (
                days.map((day) => {
                  const key = localDay(day);
                  const items = byDay.get(key) ?? [];
                  return (
                    <Card key={key} size="small" title={day.toLocaleDateString(i18n.language, { weekday: 'long', month: 'long', day: 'numeric' })} data-testid={`activities-day-${key}`}>
                      <ActivityList activities={items} loading={false} testId={`activities-list-${key}`} />
                    </Card>
                  );
                })
              )}
            </>
          )}
        </Flex>
      </Card>
    </>
  );
}
