import { Card, Col, Row, Statistic, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../api/opportunities';
import type { AccountSummary as Summary } from '../api/account-360';

/** Is a decimal string (`0.00`, `12.50`) above zero? String operations only: money is never a float here. */
function positive(amount: string): boolean {
  return /[1-9]/.test(amount);
}

/**
 * The account's key figures as the server computed them (GET /accounts/{id}/summary), only those the caller may read:
 * a figure the server left out (null) is not shown; nothing at all when none is left.
 */
export function AccountSummary({ summary }: { summary: Summary | undefined }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  if (!summary) return null;
  const money = (values: Array<[string, string]>, testId: string): ReactNode => (
    <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {values.length === 0 ? formatMoney('0.00', undefined, i18n.language) : values.map(([currency, amount]) => <div key={currency}>{formatMoney(amount, currency, i18n.language)}</div>)}
    </span>
  );
  const count = (value: number, testId: string): ReactNode => <span data-testid={testId}>{value.toLocaleString(i18n.language)}</span>;
  // A smaller figure than antd's default, so "CNY 1,234,567.89" fits half a phone's width on one line.
  const figure = (key: string, title: string, value: ReactNode, danger = false) => (
    <Col xs={12} md={6} key={key}>
      <Statistic title={title} valueRender={() => value} styles={{ content: { fontSize: 18, ...(danger ? { color: token.colorError } : {}) } }} />
    </Col>
  );
  const items: ReactNode[] = [];
  const { pipeline, wonThisYear, receivables, openOpportunities, openQuotes, openOrders } = summary;
  if (pipeline) items.push(figure('pipeline', t('accounts.view360.summary.pipeline'), money(pipeline.map((row) => [row.currency, row.weightedAmount]), 'summary-pipeline')));
  if (wonThisYear) items.push(figure('won', t('accounts.view360.summary.won'), money(wonThisYear.map((row) => [row.currency, row.amount]), 'summary-won')));
  if (receivables) {
    items.push(figure('outstanding', t('accounts.view360.summary.outstanding'), money(receivables.map((row) => [row.currency, row.total]), 'summary-outstanding')));
    const overdue = receivables.filter((row) => positive(row.overdue));
    items.push(figure('overdue', t('accounts.view360.summary.overdue'), money(overdue.map((row) => [row.currency, row.overdue]), 'summary-overdue'), overdue.length > 0));
  }
  if (openOpportunities !== null) items.push(figure('openOpportunities', t('accounts.view360.summary.openOpportunities'), count(openOpportunities, 'summary-open-opportunities')));
  if (openQuotes !== null) items.push(figure('openQuotes', t('accounts.view360.summary.openQuotes'), count(openQuotes, 'summary-open-quotes')));
  if (openOrders !== null) items.push(figure('openOrders', t('accounts.view360.summary.openOrders'), count(openOrders, 'summary-open-orders')));
  if (items.length === 0) return null;
  // Figures left out for fields the caller may not read (not those of records they have no business with).
  const hidden = summary.omitted.some((entry) => entry.reason === 'hidden_fields');
  return (
    <Card size="small" data-testid="account-summary">
      <Row gutter={[16, 16]}>{items}</Row>
      {hidden && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="summary-omitted">
          {t('accounts.view360.summary.omitted')}
        </Typography.Text>
      )}
    </Card>
  );
}
