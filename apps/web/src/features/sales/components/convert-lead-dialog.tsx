import { Alert, App, Checkbox, Flex, Form, Input, Modal, Radio, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useConversionMatches, useConvertLead, type Lead, type LeadConversion } from '../api/leads';
import { AMOUNT, DATE } from '../utils/record-fields';

interface ConvertValues {
  account: string;
  withOpportunity: boolean;
  opportunityName?: string;
  amount?: string;
  expectedCloseDate?: string;
}

const NEW_ACCOUNT = 'new';

/**
 * Converts a lead: shows the existing accounts with the lead's company name (the first is what the server would
 * use), lets the caller confirm one or ask for a new account, and optionally adds an opportunity.
 */
export function ConvertLeadDialog({ lead, onClose, onConverted }: { lead: Lead; onClose: () => void; onConverted: (conversion: LeadConversion) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConvertValues>();
  const matches = useConversionMatches(lead.id);
  const convert = useConvertLead();
  const [error, setError] = useState<string | null>(null);
  const accountName = lead.company || lead.name || '';
  const found = matches.data?.accounts ?? [];
  const withOpportunity = Form.useWatch('withOpportunity', form);

  async function onFinish(values: ConvertValues) {
    setError(null);
    const accountId = values.account && values.account !== NEW_ACCOUNT ? values.account : undefined;
    try {
      const conversion = await convert.mutateAsync({
        id: lead.id,
        body: {
          ...(accountId ? { accountId } : {}),
          ...(values.withOpportunity
            ? { opportunity: { ...(values.opportunityName ? { name: values.opportunityName } : {}), ...(values.amount ? { amount: values.amount } : {}), ...(values.expectedCloseDate ? { expectedCloseDate: values.expectedCloseDate } : {}) } }
            : {}),
        },
      });
      void message.success(t('leads.convert.done', { opportunity: conversion.opportunityId ? t('leads.convert.withOpp') : '' }));
      onConverted(conversion);
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) return setError(t('leads.convert.already'));
      if (caught instanceof ApiError && caught.status === 403) return setError(t('leads.convert.forbidden'));
      setError(caught instanceof ApiError ? (caught.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  return (
    <Modal
      open
      title={t('leads.convert.title', { name: lead.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('leads.convert.submit')}
      okButtonProps={{ loading: convert.isPending, disabled: matches.isPending, 'data-testid': 'convert-submit' } as ButtonProps}
      data-testid="convert-dialog"
    >
      <Form<ConvertValues> form={form} layout="vertical" initialValues={{ account: NEW_ACCOUNT, withOpportunity: false }} onFinish={(values) => void onFinish(values)}>
        {found.length > 0 ? (
          <>
            <Alert type="info" showIcon title={t('leads.convert.matched')} style={{ marginBottom: 12 }} data-testid="convert-matched" />
            <Form.Item name="account" label={t('leads.convert.useAccount')}>
              <Radio.Group>
                <Flex vertical gap={4}>
                  {found.map((account) => (
                    <Radio key={account.id} value={account.id} data-testid={`convert-account-${account.id}`}>
                      {account.name}
                    </Radio>
                  ))}
                  <Radio value={NEW_ACCOUNT} data-testid="convert-account-new">
                    {t('leads.convert.createNew')}
                  </Radio>
                </Flex>
              </Radio.Group>
            </Form.Item>
          </>
        ) : (
          <Typography.Paragraph data-testid="convert-new-account">{t('leads.convert.newAccount', { name: accountName })}</Typography.Paragraph>
        )}
        <Form.Item name="withOpportunity" valuePropName="checked">
          <Checkbox data-testid="convert-with-opportunity">{t('leads.convert.withOpportunity')}</Checkbox>
        </Form.Item>
        {withOpportunity && (
          <>
            <Form.Item name="opportunityName" label={t('leads.convert.opportunityName')} rules={[{ max: 200 }]}>
              <Input placeholder={accountName} data-testid="convert-opportunity-name" />
            </Form.Item>
            <Form.Item name="amount" label={t('leads.convert.amount')} rules={[{ pattern: AMOUNT, message: t('leads.convert.amount') }]}>
              <Input inputMode="decimal" data-testid="convert-amount" />
            </Form.Item>
            <Form.Item name="expectedCloseDate" label={t('leads.convert.expectedCloseDate')} rules={[{ pattern: DATE }]}>
              <Input type="date" data-testid="convert-close-date" />
            </Form.Item>
          </>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="convert-error" />}
      </Form>
    </Modal>
  );
}
