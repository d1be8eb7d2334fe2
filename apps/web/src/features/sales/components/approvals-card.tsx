import { Alert, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '@/lib/api';
import { formatMoney } from '../api/opportunities';
import { usePendingApprovals } from '../api/quotes';

/** The work desktop's approval inbox: quotes awaiting the caller's decision (never their own), newest first. */
export function ApprovalsCard() {
  const { t, i18n } = useTranslation();
  const pending = usePendingApprovals();
  const rows = pending.data?.data ?? [];
  return (
    <Card size="small" title={t('desk.approvals.title')} extra={<Link to="/sales/quotes">{t('desk.approvals.all')}</Link>} data-testid="desk-approvals">
      {pending.isError && <Alert type="error" showIcon title={pending.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <List
        size="small"
        loading={pending.isPending}
        dataSource={rows}
        locale={{ emptyText: t('desk.approvals.empty') }}
        renderItem={(quote) => (
          <List.Item key={quote.id} data-testid="desk-approval">
            <List.Item.Meta
              title={<Link to={`/sales/quotes/${quote.id}`}>{quote.number} · {quote.accountName ?? '—'}</Link>}
              description={
                <Typography.Text type="secondary">
                  {quote.maxDiscountPercent !== undefined ? t('desk.approvals.discount', { value: quote.maxDiscountPercent }) : ''}
                  {quote.grandTotal !== undefined ? ` · ${formatMoney(quote.grandTotal, quote.currency, i18n.language)}` : ''}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
