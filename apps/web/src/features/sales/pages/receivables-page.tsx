import { Alert, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { useReceivables } from '../api/orders';
import { useReadsReceivables } from '../components/account-receivables-card';
import { AgeingTable } from '../components/ageing-table';
import { SalesTabs } from '../components/sales-tabs';

/** `/sales/receivables` (finance and the sales management): ageing per currency and per account, most overdue first. */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reads = useReadsReceivables();
  const receivables = useReceivables({ enabled: reads });
  if (!reads) return <><PageHeader title={t('receivables.title')} /><Alert type="info" showIcon title={t('receivables.forbidden')} data-testid="receivables-forbidden" /></>;
  const data = receivables.data;
  return (
    <>
      <PageHeader title={t('receivables.title')} extra={data && <Typography.Text type="secondary">{t('receivables.asOf', { date: data.asOf })}</Typography.Text>} />
      <SalesTabs current="receivables" />
      <Flex vertical gap={16}>
        <Card size="small" title={t('receivables.total')}>
          <AgeingTable testId="receivables-totals" rows={(data?.totals ?? []).map((row) => ({ ...row, key: row.currency }))} />
        </Card>
        <Card size="small" title={t('receivables.account')}>
          <AgeingTable
            testId="receivables-accounts"
            withAccount
            onAccount={(accountId) => void navigate(`/sales/accounts/${accountId}`)}
            rows={(data?.accounts ?? []).map((row) => ({ ...row, key: `${row.accountId}-${row.currency}` }))}
          />
        </Card>
      </Flex>
    </>
  );
}
