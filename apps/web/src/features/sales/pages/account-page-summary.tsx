import { Card, Col, Row, Statistic, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, type Opportunity, type PipelineStage } from '../api/opportunities';
import type { Ageing } from '../api/orders';

/** A decimal string (`4140000.00`) as whole cents, so sums stay exact (no floats for money). */
function toCents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
}

function fromCents(cents: bigint): string {
  const fraction = (cents % 100n).toString().padStart(2, '0');
  return `${cents / 100n}.${fraction}`;
}

/** Σ per currency of `value(o)`, in cents × `scale`. */
function sumByCurrency(rows: Opportunity[], value: (o: Opportunity) => bigint): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const o of rows) {
    if (o.amount === undefined) continue;
    const currency = o.currency ?? '';
    sums.set(currency, (sums.get(currency) ?? 0n) + value(o));
  }
  return sums;
}

export interface PipelineFigures {
  /** Per currency: Σ amount × probability / 100 of the open opportunities, rounded half up once at the end. */
  weighted: Map<string, string>;
  /** Per currency: Σ amount of the won opportunities closing this year. */
  wonThisYear: Map<string, string>;
}

/**
 * The pipeline figures over the opportunities loaded for the page. "Won this year" counts won opportunities whose
 * expected close date is in the current year: a won deal's close date is when it closed, and the API keeps no
 * separate "won at" date.
 */
export function pipelineFigures(opportunities: Opportunity[], stages: Map<string, PipelineStage>, year: number): PipelineFigures {
  const kind = (o: Opportunity) => (o.stageId ? stages.get(o.stageId)?.kind : undefined);
  const open = opportunities.filter((o) => kind(o) === 'open');
  const won = opportunities.filter((o) => kind(o) === 'won' && (o.expectedCloseDate ?? '').startsWith(`${year}-`));
  // Cents × percent, divided by 100 once at the end, half up: the same rounding as the forecast on the server.
  const weighted = sumByCurrency(open, (o) => toCents(o.amount ?? '0') * BigInt(Math.round(o.probability ?? 0)));
  return {
    weighted: new Map([...weighted].map(([currency, value]) => [currency, fromCents((value + 50n) / 100n)])),
    wonThisYear: new Map([...sumByCurrency(won, (o) => toCents(o.amount ?? '0'))].map(([currency, value]) => [currency, fromCents(value)])),
  };
}

interface SummaryProps {
  /** Undefined when the caller may not read the amounts (or probabilities) of opportunities. */
  pipeline?: PipelineFigures;
  /** The figures cover only the first page of a long list. */
  partial?: boolean;
  /** Undefined when the caller may not read receivables. */
  receivables?: Ageing[];
}

/** The account's key figures, only those the caller may read; nothing at all when none is readable. */
export function AccountSummary({ pipeline, partial = false, receivables }: SummaryProps) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  if (!pipeline && !receivables) return null;
  const money = (values: Array<[string, string]>, testId: string): ReactNode => (
    <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {values.length === 0 ? formatMoney('0.00', undefined, i18n.language) : values.map(([currency, amount]) => <div key={currency}>{formatMoney(amount, currency, i18n.language)}</div>)}
    </span>
  );
  // A smaller figure than antd's default, so "CNY 1,234,567.89" fits half a phone's width on one line.
  const figure = (key: string, title: string, value: ReactNode, danger = false) => (
    <Col xs={12} md={6} key={key}>
      <Statistic title={title} valueRender={() => value} styles={{ content: { fontSize: 18, ...(danger ? { color: token.colorError } : {}) } }} />
    </Col>
  );
  const items: ReactNode[] = [];
  if (pipeline) {
    items.push(figure('pipeline', t('accounts.view360.summary.pipeline'), money([...pipeline.weighted], 'summary-pipeline')));
    items.push(figure('won', t('accounts.view360.summary.won'), money([...pipeline.wonThisYear], 'summary-won')));
  }
  if (receivables) {
    items.push(figure('outstanding', t('accounts.view360.summary.outstanding'), money(receivables.map((row) => [row.currency, row.total]), 'summary-outstanding')));
    const overdue = receivables.filter((row) => toCents(row.overdue) > 0n);
    items.push(figure('overdue', t('accounts.view360.summary.overdue'), money(overdue.map((row) => [row.currency, row.overdue]), 'summary-overdue'), overdue.length > 0));
  }
  return (
    <Card size="small" data-testid="account-summary">
      <Row gutter={[16, 16]}>{items}</Row>
      {partial && pipeline && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('accounts.view360.summary.partial')}
        </Typography.Text>
      )}
    </Card>
  );
}
