import { CheckOutlined, CloseOutlined, FilePdfOutlined, ShareAltOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Flex, Input, Modal, Result, Skeleton, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Can } from '@/components/can';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { formatMoney } from '../api/opportunities';
import { useConvertQuote, useDownloadQuotePdf, useQuote, useQuoteApprovals, useQuoteCommand, useUpdateQuote, type Quote, type QuoteCommand, type QuoteLine } from '../api/quotes';
import { QuoteLineEditor, toDraftLines, toLineInputs, type DraftLine } from '../components/quote-line-editor';
import { QuoteStatusTag } from '../components/quote-status-tag';
import { ShareDialog } from '../components/share-dialog';
import { ActivityTimeline } from '../components/activity-timeline';

const EDITABLE = ['draft', 'pending_approval', 'approved', 'rejected'];

/** The commands the quote's owner side may give in its status (the server decides; this only offers what will work). */
function commandsFor(quote: Quote): QuoteCommand[] {
  if (!quote.myAccess?.update) return [];
  switch (quote.status) {
    case 'draft':
      return ['submit'];
    case 'rejected':
      return ['submit', 'revise'];
    case 'approved':
      return quote.expired ? ['revise'] : ['send', 'revise'];
    case 'sent':
      return quote.expired ? ['revise'] : ['accept', 'revise'];
    default:
      return [];
  }
}

/**
 * `/sales/quotes/:id`: one quote — header, lines (edited in place, priced by the server), totals as the server computed
 * them, the commands its status allows, approve or reject for its approver, the approval history and the PDF.
 */
export function QuotePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const quote = useQuote(id);
  const history = useQuoteApprovals(id, { enabled: quote.isSuccess });
  const update = useUpdateQuote();
  const command = useQuoteCommand();
  const pdf = useDownloadQuotePdf();
  const convert = useConvertQuote(id);
  const navigate = useNavigate();
  const permissions = usePermissions();
  const [draft, setDraft] = useState<DraftLine[] | null>(null);
  const [lineErrors, setLineErrors] = useState<Readonly<Record<string, string>>>({});
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [comment, setComment] = useState('');
  const [sharing, setSharing] = useState(false);

  const record = quote.data;
  if (!record) {
    if (quote.error instanceof ApiError && quote.error.status === 404) {
      return <Card><Result status="404" title={t('records.notFound.title')} subTitle={t('records.notFound.subTitle')} data-testid="quote-not-found" /></Card>;
    }
    return quote.error ? <Alert type="error" showIcon title={t('errors.generic')} /> : <Card><Skeleton active /></Card>;
  }
  const current = record;
  // As the server decides (it answers 409 otherwise): an approved, sent or accepted quote that has not expired.
  const convertible = permissions.canDo('order', 'create') && ['approved', 'sent', 'accepted'].includes(current.status ?? '') && !current.expired;
  const showsPrices = current.grandTotal !== undefined;

  async function failed(error: unknown) {
    if (error instanceof ApiError && error.status === 412) {
      await quote.refetch();
      return void message.warning(t('quotes.conflict'), 6);
    }
    void message.error(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
  }

  async function run(name: QuoteCommand, text?: string) {
    try {
      const answer = await command.mutateAsync({ id: current.id, version: current.version, command: name, ...(text ? { comment: text } : {}) });
      void message.success(t('quotes.actions.done', { status: t(`quotes.status.${answer.status ?? 'draft'}`) }));
      setDeciding(null);
      setComment('');
    } catch (error) {
      await failed(error);
    }
  }

  async function saveLines() {
    if (!draft) return;
    try {
      await update.mutateAsync({ id: current.id, version: current.version, changes: { lines: toLineInputs(draft) } });
      setDraft(null);
      setLineErrors({});
      void message.success(t('quotes.lines.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) return setLineErrors(error.fieldErrors);
      await failed(error);
    }
  }

  const money = (value: string | undefined) => formatMoney(value, current.currency, i18n.language);
  const canEditLines = Boolean(current.myAccess?.update && EDITABLE.includes(current.status ?? '') && current.myAccess.editableFields.includes('lines'));
  const lineColumns = [
    { key: 'product', title: t('quotes.lines.product'), render: (_: unknown, line: QuoteLine) => `${line.productCode} ${line.description ?? (i18n.language.startsWith('zh') ? line.productName : line.productNameEn)}` },
    { key: 'quantity', title: t('quotes.lines.quantity'), align: 'right' as const, render: (_: unknown, line: QuoteLine) => `${line.quantity} ${line.unit}` },
    ...(showsPrices
      ? [
          { key: 'listPrice', title: t('quotes.lines.listPrice'), align: 'right' as const, render: (_: unknown, line: QuoteLine) => money(line.listPrice) },
          { key: 'discountPercent', title: t('quotes.lines.discountPercent'), align: 'right' as const, render: (_: unknown, line: QuoteLine) => line.discountPercent },
          { key: 'netPrice', title: t('quotes.lines.netPrice'), align: 'right' as const, render: (_: unknown, line: QuoteLine) => money(line.netPrice) },
          { key: 'lineTotal', title: t('quotes.lines.lineTotal'), align: 'right' as const, render: (_: unknown, line: QuoteLine) => money(line.lineTotal) },
        ]
      : []),
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/sales/quotes">{t('quotes.title')}</Link> }, { title: current.number }]} />
      <PageHeader
        title={
          <Flex align="center" gap={8} wrap>
            <span>{current.number}</span>
            <Typography.Text type="secondary">{t('quotes.revision', { revision: current.revision })}</Typography.Text>
            <QuoteStatusTag status={current.status} expired={current.expired} testId="quote-status" />
          </Flex>
        }
        extra={
          <Flex gap={8} wrap>
            {commandsFor(current).map((name) => (
              <Button key={name} type={name === 'submit' || name === 'send' ? 'primary' : 'default'} loading={command.isPending && command.variables?.command === name} onClick={() => void run(name)} data-testid={`quote-${name}`}>
                {t(`quotes.actions.${name}`)}
              </Button>
            ))}
            {convertible && (
              <Button
                type="primary"
                loading={convert.isPending}
                onClick={() => convert.mutate(undefined, { onSuccess: (order) => void navigate(`/sales/orders/${order.id}`), onError: (error) => void failed(error) })}
                data-testid="quote-convert"
              >
                {t('quotes.actions.convert')}
              </Button>
            )}
            <Can record={current.myAccess} action="share">
              <Button icon={<ShareAltOutlined />} onClick={() => setSharing(true)} data-testid="record-share">
                {t('records.actions.share')}
              </Button>
            </Can>
            <Button icon={<FilePdfOutlined />} loading={pdf.isPending} onClick={() => pdf.mutate(current, { onError: (error) => void failed(error) })} data-testid="quote-pdf">
              {t('quotes.actions.pdf')}
            </Button>
          </Flex>
        }
      />
      <Flex vertical gap={16}>
        {current.mayDecide && (
          <Alert
            type="warning"
            showIcon
            title={t('quotes.decision.awaiting')}
            data-testid="quote-decision"
            action={
              <Flex gap={8}>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('approve')} data-testid="quote-approve">{t('quotes.actions.approve')}</Button>
                <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')} data-testid="quote-reject">{t('quotes.actions.reject')}</Button>
              </Flex>
            }
          />
        )}
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('quotes.fields.account')}>
              {current.accountId ? <Link to={`/sales/accounts/${current.accountId}`}>{current.accountName ?? current.accountId}</Link> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('quotes.fields.currency')}>{current.currency}</Descriptions.Item>
            <Descriptions.Item label={t('quotes.fields.validUntil')}>{current.validUntil}</Descriptions.Item>
            <Descriptions.Item label={t('quotes.fields.taxRate')}>{current.taxRate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('records.fields.ownerId')}><UserName id={current.ownerId} /></Descriptions.Item>
            {current.approvalRole && <Descriptions.Item label={t('quotes.fields.approvalRole')}>{t(`quotes.approver.${current.approvalRole as 'sales_manager' | 'sales_director'}`)}</Descriptions.Item>}
            {current.notes && <Descriptions.Item label={t('quotes.fields.notes')}>{current.notes}</Descriptions.Item>}
          </Descriptions>
        </Card>
        <Card
          size="small"
          title={t('quotes.lines.title')}
          extra={
            canEditLines &&
            (draft ? (
              <Flex gap={8}>
                <Button onClick={() => { setDraft(null); setLineErrors({}); }}>{t('quotes.lines.cancel')}</Button>
                <Button type="primary" loading={update.isPending} onClick={() => void saveLines()} data-testid="quote-lines-save">{t('quotes.lines.save')}</Button>
              </Flex>
            ) : (
              <Button onClick={() => setDraft(toDraftLines(current.lines ?? [], i18n.language))} data-testid="quote-lines-edit">{t('quotes.lines.edit')}</Button>
            ))
          }
          data-testid="quote-lines"
        >
          {draft ? (
            <Flex vertical gap={8}>
              {current.status !== 'draft' && <Alert type="info" showIcon title={t('quotes.lines.reapproval')} />}
              {lineErrors.lines && <Alert type="error" showIcon title={lineErrors.lines} />}
              <QuoteLineEditor lines={draft} onChange={setDraft} errors={lineErrors} />
            </Flex>
          ) : (
            <Table<QuoteLine> rowKey="id" size="small" pagination={false} columns={lineColumns} dataSource={current.lines ?? []} locale={{ emptyText: t('quotes.lines.empty') }} scroll={{ x: true }} data-testid="quote-lines-table" />
          )}
          {showsPrices ? (
            <Descriptions size="small" column={1} style={{ marginTop: 16, maxWidth: 420, marginLeft: 'auto' }} data-testid="quote-totals">
              <Descriptions.Item label={t('quotes.totals.subtotal')}>{money(current.subtotal)}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.totals.discountTotal')}>{money(current.discountTotal)}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.totals.netTotal')}>{money(current.netTotal)}</Descriptions.Item>
              <Descriptions.Item label={t('quotes.totals.taxTotal', { rate: current.taxRate })}>{money(current.taxTotal)}</Descriptions.Item>
              <Descriptions.Item label={<strong>{t('quotes.totals.grandTotal')}</strong>}>
                <strong data-testid="quote-grand-total">{money(current.grandTotal)}</strong>
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Typography.Text type="secondary" data-testid="quote-no-prices">{t('quotes.totals.hidden')}</Typography.Text>
          )}
        </Card>
        <Card size="small" title={t('quotes.history.title')} data-testid="quote-history">
          {history.data?.length === 0 && <Typography.Text type="secondary">{t('quotes.history.empty')}</Typography.Text>}
          <Timeline
            items={(history.data ?? []).map((step) => {
              const actor = (i18n.language.startsWith('zh') ? step.actorName : step.actorNameEn) ?? '—';
              const approver = step.approverRole ? t(`quotes.approver.${step.approverRole as 'sales_manager' | 'sales_director'}`) : '';
              return {
                key: step.id,
                color: step.action === 'rejected' ? 'red' : step.action === 'approved' || step.action === 'auto_approved' ? 'green' : 'blue',
                children: (
                  <>
                    <div>{t(`quotes.history.${step.action}`, { actor, approver })}</div>
                    {step.comment && <Typography.Text italic>“{step.comment}”</Typography.Text>}
                    <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{new Date(step.occurredAt).toLocaleString(i18n.language)}</Typography.Text></div>
                  </>
                ),
              };
            })}
          />
        </Card>
        <ActivityTimeline filter={{ relatedId: current.id }} about={{ relatedType: 'quote', relatedId: current.id, name: current.number ?? '' }} />
      </Flex>
      <Modal
        open={deciding !== null}
        title={t('quotes.decision.title', { number: current.number })}
        okText={deciding === 'reject' ? t('quotes.actions.reject') : t('quotes.actions.approve')}
        okButtonProps={{ danger: deciding === 'reject', disabled: deciding === 'reject' && !comment.trim(), loading: command.isPending, 'data-testid': 'quote-decision-ok' } as never}
        onOk={() => deciding && void run(deciding, comment.trim() || undefined)}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder={deciding === 'reject' ? t('quotes.decision.commentRequired') : t('quotes.decision.comment')}
          aria-label={t('quotes.decision.comment')}
          maxLength={2000}
          data-testid="quote-decision-comment"
        />
      </Modal>
      {sharing && <ShareDialog objectType="quote" record={{ ...current, name: current.number }} onClose={() => setSharing(false)} />}
    </>
  );
}
