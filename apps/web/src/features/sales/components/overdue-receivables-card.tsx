import { Button, Card, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatMoney } from '../api/opportunities';
import { useReceivables } from '../api/orders';

/** The work desktop's "Overdue receivables": the most overdue accounts the caller may see (the server sorts them). */
export function OverdueReceivablesCard() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const receivables = useReceivables();
  const overdue = (receivables.data?.accounts ?? []).filter((row) => row.overdue !== '0.00').slice(0, 8);
  return (
    <Card
      title={t('receivables.deskTitle')}
      size="small"
      data-testid="desk-overdue-receivables"
      extra={<Button type="link" onClick={() => void navigate('/sales/receivables')}>{t('receivables.deskAll')}</Button>}
    >
      {overdue.length === 0 && !receivables.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('receivables.empty')} />
      ) : (
        <List
          size="small"
          loading={receivables.isPending}
          dataSource={overdue}
          renderItem={(row) => (
            <List.Item key={`${row.accountId}-${row.currency}`} extra={<Typography.Text type="danger">{formatMoney(row.overdue, row.currency, i18n.language)}</Typography.Text>}>
              <Link to={`/sales/accounts/${row.accountId}`}>{row.accountName}</Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
