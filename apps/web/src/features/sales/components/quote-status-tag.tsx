import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuoteStatus } from '../api/quotes';

const COLORS: Record<QuoteStatus, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'green',
  rejected: 'red',
  sent: 'blue',
  accepted: 'cyan',
  superseded: 'default',
};

/** A quote's status (and "expired" beside it once its validity has passed). */
export function QuoteStatusTag({ status, expired, testId }: { status: QuoteStatus | undefined; expired?: boolean; testId?: string }) {
  const { t } = useTranslation();
  if (!status) return <>—</>;
  return (
    <span data-testid={testId}>
      <Tag color={COLORS[status]}>{t(`quotes.status.${status}`)}</Tag>
      {expired && status !== 'superseded' && status !== 'accepted' && <Tag color="volcano">{t('quotes.expired')}</Tag>}
    </span>
  );
}
