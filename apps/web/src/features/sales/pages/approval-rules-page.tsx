import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Result, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { APPROVERS, useApprovalRules, useUpdateApprovalRules, type ApprovalRuleInput, type Approver } from '../api/approval-rules';
import { SalesTabs } from '../components/sales-tabs';

/** The API's limits (UpdateApprovalRulesDto): 1–10 rules, thresholds 0–100 with at most two decimals. */
const MAX_RULES = 10;
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

interface DraftRule {
  key: string;
  /** Empty on the last rule: it covers every larger discount. */
  maxDiscountPercent: string;
  approver: Approver;
}

let nextKey = 0;
const newKey = () => `rule-${++nextKey}`;

/** `10.00` → `10`: the same decimal as a person types it. */
function stripZeros(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/** Hundredths of a percent, exactly (no floating point): `12.5` → 1250. */
function hundredths(value: string): number {
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * The server's checks, before sending: every rule but the last has a threshold (0–100, two decimals) larger than the
 * previous one; the last has none. Keys are the server's field names, so its 400 lands on the same inputs.
 */
export function validateRules(rules: DraftRule[]): Record<string, string> {
  const errors: Record<string, string> = {};
  rules.forEach((rule, index) => {
    if (index === rules.length - 1) return;
    const field = `rules[${index}].maxDiscountPercent`;
    const value = rule.maxDiscountPercent.trim();
    if (!value) errors[field] = 'required';
    else if (!PERCENT.test(value)) errors[field] = 'format';
    else if (index > 0) {
      const previous = rules[index - 1].maxDiscountPercent.trim();
      if (PERCENT.test(previous) && hundredths(value) <= hundredths(previous)) errors[field] = 'order';
    }
  });
  return errors;
}

/**
 * `/sales/quotes/approval-rules`: who approves a quote, by its largest line discount (R-SAL-5). Whoever may read the
 * rules sees them; the sales director (update at level all) edits them, with If-Match of the version read.
 */
export function ApprovalRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const canRead = permissions.canDo('approval_rule', 'read');
  const canEdit = permissions.level('approval_rule', 'update') === 'all';
  const rules = useApprovalRules({ enabled: permissions.isSuccess && canRead });
  const update = useUpdateApprovalRules();
  const [draft, setDraft] = useState<DraftRule[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const header = <PageHeader title={t('quotes.rules.title')} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('quotes.rules.noAccess.title')} subTitle={t('quotes.rules.noAccess.subTitle')} data-testid="approval-rules-no-access" />
        </Card>
      </>
    );
  }
  if (rules.isPending) return <>{header}<SalesTabs current="quotes" /><Skeleton active /></>;
  if (rules.isError) return <>{header}<SalesTabs current="quotes" /><Alert type="error" showIcon message={t('errors.generic')} data-testid="approval-rules-error" /></>;

  const current = rules.data;
  const approverLabel = (approver: Approver) => t(`quotes.approver.${approver}`);
  const errorText = (field: string): string | undefined => {
    const code = errors[field];
    if (code === 'required' || code === 'format' || code === 'order') return t(`quotes.rules.errors.${code}`);
    // Anything else is the server's own message.
    return code;
  };

  const startEditing = () => {
    setDraft(current.rules.map((rule) => ({ key: newKey(), maxDiscountPercent: rule.maxDiscountPercent ? stripZeros(rule.maxDiscountPercent) : '', approver: rule.approver })));
    setErrors({});
    setAlert(null);
  };
  const change = (draftRules: DraftRule[], patch: (rules: DraftRule[]) => DraftRule[]) => {
    setDraft(patch(draftRules));
    setErrors({});
  };

  async function save(draftRules: DraftRule[]) {
    const found = validateRules(draftRules);
    setErrors(found);
    setAlert(null);
    if (Object.keys(found).length) return;
    const body: ApprovalRuleInput[] = draftRules.map((rule, index) => ({
      maxDiscountPercent: index === draftRules.length - 1 ? null : rule.maxDiscountPercent.trim(),
      approver: rule.approver,
    }));
    try {
      await update.mutateAsync({ version: current.version, rules: body });
      setDraft(null);
      void message.success(t('quotes.rules.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setDraft(null);
        void rules.refetch();
        return void message.warning(t('quotes.rules.conflict'), 6);
      }
      if (error instanceof ApiError && error.status === 400) {
        const onFields = Object.fromEntries(Object.entries(error.fieldErrors).filter(([field]) => /^rules\[\d+\]\./.test(field)));
        setErrors(onFields);
        const rest = Object.entries(error.fieldErrors).filter(([field]) => !(field in onFields)).map(([, text]) => text);
        if (rest.length || !Object.keys(onFields).length) setAlert(rest.join(' ') || (error.detail ?? t('errors.generic')));
        return;
      }
      setAlert(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  /** "up to 10 %", "above 20 %": what each rule covers, from the previous threshold to its own. */
  const bandText = (index: number, thresholds: string[]) => {
    const previous = index > 0 ? thresholds[index - 1] : undefined;
    if (index === thresholds.length - 1) return previous ? t('quotes.rules.above', { from: previous }) : t('quotes.rules.any');
    return previous ? t('quotes.rules.between', { from: previous, to: thresholds[index] }) : t('quotes.rules.upTo', { to: thresholds[index] });
  };

  return (
    <>
      <PageHeader
        title={t('quotes.rules.title')}
        extra={
          canEdit && !draft ? (
            <Button icon={<EditOutlined />} onClick={startEditing} data-testid="approval-rules-edit">
              {t('quotes.rules.edit')}
            </Button>
          ) : undefined
        }
      />
      <SalesTabs current="quotes" />
      <Card>
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('quotes.rules.explain')}
          </Typography.Paragraph>
          {!canEdit && <Alert type="info" showIcon message={t('quotes.rules.readOnly')} data-testid="approval-rules-read-only" />}
          {alert && <Alert type="error" showIcon message={alert} data-testid="approval-rules-alert" />}
          {draft ? (
            <RuleEditor
              rules={draft}
              bandText={bandText}
              approverLabel={approverLabel}
              errorText={errorText}
              onChange={(patch) => change(draft, patch)}
            />
          ) : (
            <Flex vertical gap={8} data-testid="approval-rules-list">
              {current.rules.map((rule, index, all) => (
                <Flex key={index} wrap gap={8} align="center" justify="space-between" data-testid={`approval-rule-${index}`} style={{ padding: '8px 12px', border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8 }}>
                  <Typography.Text strong>{bandText(index, all.map((r) => (r.maxDiscountPercent ? stripZeros(r.maxDiscountPercent) : '')))}</Typography.Text>
                  <Tag color={rule.approver === 'none' ? 'green' : rule.approver === 'sales_manager' ? 'blue' : 'purple'}>{approverLabel(rule.approver)}</Tag>
                </Flex>
              ))}
            </Flex>
          )}
          {draft && (
            <Flex wrap gap={8} justify="flex-end">
              <Button onClick={() => { setDraft(null); setErrors({}); setAlert(null); }} data-testid="approval-rules-cancel">
                {t('quotes.rules.cancel')}
              </Button>
              <Button type="primary" loading={update.isPending} onClick={() => void save(draft)} data-testid="approval-rules-save">
                {t('quotes.rules.save')}
              </Button>
            </Flex>
          )}
          <Link to="/sales/quotes">{t('quotes.rules.back')}</Link>
        </Flex>
      </Card>
    </>
  );
}

function RuleEditor({
  rules,
  bandText,
  approverLabel,
  errorText,
  onChange,
}: {
  rules: DraftRule[];
  bandText: (index: number, thresholds: string[]) => string;
  approverLabel: (approver: Approver) => string;
  errorText: (field: string) => string | undefined;
  onChange: (patch: (rules: DraftRule[]) => DraftRule[]) => void;
}) {
  const { t } = useTranslation();
  const thresholds = rules.map((rule) => rule.maxDiscountPercent.trim());
  const set = (key: string, patch: Partial<DraftRule>) => onChange((all) => all.map((rule) => (rule.key === key ? { ...rule, ...patch } : rule)));
  // A new band goes before the last one, which has no threshold and must stay last.
  const add = () => onChange((all) => [...all.slice(0, -1), { key: newKey(), maxDiscountPercent: '', approver: 'sales_manager' }, ...all.slice(-1)]);
  const remove = (key: string) =>
    onChange((all) => {
      const rest = all.filter((rule) => rule.key !== key);
      // Removing the last band makes the one before it the open-ended one.
      return rest.map((rule, index) => (index === rest.length - 1 ? { ...rule, maxDiscountPercent: '' } : rule));
    });

  return (
    <Flex vertical gap={8} data-testid="approval-rules-editor">
      {rules.map((rule, index) => {
        const last = index === rules.length - 1;
        const field = `rules[${index}].maxDiscountPercent`;
        const approverField = `rules[${index}].approver`;
        return (
          <Flex key={rule.key} wrap gap={8} align="flex-start" data-testid={`approval-rule-edit-${index}`} style={{ padding: '8px 12px', border: '1px solid rgba(5,5,5,0.06)', borderRadius: 8 }}>
            <Typography.Text strong style={{ flex: '1 1 100%' }}>{bandText(index, thresholds)}</Typography.Text>
            {!last && (
              <Form.Item style={{ margin: 0, flex: '1 1 140px' }} validateStatus={errorText(field) ? 'error' : undefined} help={errorText(field)}>
                <Input
                  inputMode="decimal"
                  prefix={t('quotes.rules.threshold')}
                  suffix="%"
                  value={rule.maxDiscountPercent}
                  onChange={(event) => set(rule.key, { maxDiscountPercent: event.target.value })}
                  aria-label={t('quotes.rules.thresholdOf', { n: index + 1 })}
                  data-testid={`approval-rule-threshold-${index}`}
                />
              </Form.Item>
            )}
            <Form.Item style={{ margin: 0, flex: '1 1 180px' }} validateStatus={errorText(approverField) ? 'error' : undefined} help={errorText(approverField)}>
              <Select<Approver>
                value={rule.approver}
                onChange={(approver) => set(rule.key, { approver })}
                options={APPROVERS.map((approver) => ({ value: approver, label: approverLabel(approver) }))}
                aria-label={t('quotes.rules.approverOf', { n: index + 1 })}
                data-testid={`approval-rule-approver-${index}`}
              />
            </Form.Item>
            <Button
              icon={<DeleteOutlined />}
              aria-label={t('quotes.rules.remove')}
              title={t('quotes.rules.remove')}
              disabled={rules.length <= 1}
              onClick={() => remove(rule.key)}
              data-testid={`approval-rule-remove-${index}`}
            />
          </Flex>
        );
      })}
      <Button icon={<PlusOutlined />} onClick={add} disabled={rules.length >= MAX_RULES} data-testid="approval-rules-add" style={{ alignSelf: 'flex-start' }}>
        {t('quotes.rules.add')}
      </Button>
    </Flex>
  );
}
