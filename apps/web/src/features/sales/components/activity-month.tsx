import { Badge, Flex, Grid, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Activity } from '../api/activities';

/** Titles shown in a day's cell; the rest are counted ("+3"). */
const SHOWN_PER_DAY = 3;

export interface ActivityMonthProps {
  /** The first day of the month (local time). */
  month: Date;
  /** The month's activities, by their due day (local `YYYY-MM-DD`). */
  byDay: ReadonlyMap<string, Activity[]>;
  /** A day picked: the page opens its week. */
  onPickDay: (day: Date) => void;
}

export const localDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * A month as weeks from Monday, each day with its activities' subjects and a count (blue while some are planned).
 * Picking a day opens its week. Narrow screens get the day numbers and counts only: the week view is the phone's diary.
 */
export function ActivityMonth({ month, byDay, onPickDay }: ActivityMonthProps) {
  const { t, i18n } = useTranslation();
  const first = new Date(month.getFullYear(), month.getMonth(), 1);
  const gridStart = new Date(first.getFullYear(), first.getMonth(), 1 - ((first.getDay() + 6) % 7));
  const daysInMonth = new Date(first.getFullYear(), first.getMonth() + 1, 0).getDate();
  const weeks = Math.ceil((((first.getDay() + 6) % 7) + daysInMonth) / 7);
  const days = Array.from({ length: weeks * 7 }, (_, index) => new Date(gridStart.getFullYear(), gridStart.getMonth(), gridStart.getDate() + index));
  const weekdays = days.slice(0, 7).map((day) => day.toLocaleDateString(i18n.language, { weekday: 'short' }));
  const today = localDay(new Date());
  const { token } = theme.useToken();
  const wide = !Grid.useBreakpoint().xs;

  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}
      data-testid="activities-month"
      role="grid"
      aria-label={first.toLocaleDateString(i18n.language, { year: 'numeric', month: 'long' })}
    >
      {weekdays.map((name) => (
        <Typography.Text key={name} type="secondary" style={{ textAlign: 'center' }} role="columnheader">
          {name}
        </Typography.Text>
      ))}
      {days.map((day) => {
        const key = localDay(day);
        const items = byDay.get(key) ?? [];
        const inMonth = day.getMonth() === first.getMonth();
        return (
          <button
            type="button"
            key={key}
            role="gridcell"
            style={{
              minHeight: wide ? 96 : 48,
              padding: 4,
              textAlign: 'left',
              display: 'flex',
              flexDirection: 'column',
              gap: 2,
              cursor: 'pointer',
              background: inMonth ? token.colorBgContainer : token.colorFillQuaternary,
              color: inMonth ? token.colorText : token.colorTextTertiary,
              border: `1px solid ${key === today ? token.colorPrimary : token.colorBorderSecondary}`,
              borderRadius: token.borderRadiusSM,
              minWidth: 0,
            }}
            onClick={() => onPickDay(day)}
            aria-label={t('activities.monthDay', { day: day.toLocaleDateString(i18n.language, { dateStyle: 'long' }), count: items.length })}
            data-testid={`activities-month-${key}`}
          >
            <Flex justify="space-between" align="center" style={{ width: '100%' }}>
              <span>{day.getDate()}</span>
              {items.length > 0 && <Badge count={items.length} size="small" color={items.some((a) => a.status === 'planned') ? 'blue' : 'gray'} />}
            </Flex>
            {wide && (
              <>
                {items.slice(0, SHOWN_PER_DAY).map((activity) => (
                  <Typography.Text key={activity.id} ellipsis delete={activity.status === 'cancelled'} style={{ fontSize: token.fontSizeSM, width: '100%' }}>
                    {activity.subject}
                  </Typography.Text>
                ))}
                {items.length > SHOWN_PER_DAY && (
                  <Typography.Text type="secondary" style={{ fontSize: token.fontSizeSM }}>
                    {t('activities.monthMore', { count: items.length - SHOWN_PER_DAY })}
                  </Typography.Text>
                )}
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}
