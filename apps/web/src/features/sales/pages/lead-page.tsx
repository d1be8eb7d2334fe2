import { SwapOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Form, Input, Modal, Select, Space, Tag, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { useDeleteLead, useLead, useUpdateLead, type UpdateLeadBody } from '../api/leads';
import { ConvertLeadDialog } from '../components/convert-lead-dialog';
import { STATUS_COLOURS } from '../components/leads-table';
import { RecordLoadState } from '../components/record-load-state';
import { RecordView } from '../components/record-view';
import { ActivityTimeline } from '../components/activity-timeline';

/** Statuses one can set by hand; `converted` comes only from converting. */
const SETTABLE = ['new', 'contacted', 'qualified', 'disqualified'] as const;
type Settable = (typeof SETTABLE)[number];

/** `/sales/leads/:id`: one lead, its status (changeable in place, with a reason to disqualify), and Convert. */
export function LeadPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const lead = useLead(id);
  const update = useUpdateLead();
  const remove = useDeleteLead();
  const [converting, setConverting] = useState(false);
  const [disqualifying, setDisqualifying] = useState(false);
  const [reason, setReason] = useState('');

  const record = lead.data;
  if (!record) return <RecordLoadState objectType="lead" error={lead.error} />;
  const access = (field: string) => permissions.fieldAccess('lead', field);
  const converted = record.status === 'converted';
  const canChangeStatus = Boolean(record.myAccess?.update && record.myAccess.editableFields.includes('status')) && !converted;
  const canConvert = Boolean(record.myAccess?.update) && !converted && record.status !== 'disqualified' && permissions.canDo('account', 'create') && permissions.canDo('contact', 'create');

  async function changeStatus(changes: UpdateLeadBody) {
    if (!record) return;
    try {
      await update.mutateAsync({ id, version: record.version, changes });
      void message.success(t('leads.statusChanged', { status: t(`leads.statuses.${changes.status ?? 'new'}`) }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        void lead.refetch();
        return void message.warning(t('records.delete.conflict'), 6);
      }
      void message.error(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  function pickStatus(status: Settable) {
    if (status === 'disqualified') return setDisqualifying(true);
    void changeStatus({ status });
  }

  const statusItem =
    access('status') === 'hidden'
      ? []
      : [
          {
            key: 'status',
            label: t('records.fields.status'),
            children: canChangeStatus ? (
              <Select<Settable>
                size="small"
                value={record.status as Settable}
                onChange={pickStatus}
                loading={update.isPending}
                style={{ minWidth: 140 }}
                aria-label={t('leads.changeStatus')}
                options={SETTABLE.map((value) => ({ value, label: t(`leads.statuses.${value}`) }))}
                data-testid="lead-status"
              />
            ) : (
              <Tag color={STATUS_COLOURS[record.status ?? 'new']} data-testid="lead-status">
                {record.status ? t(`leads.statuses.${record.status}`) : '—'}
              </Tag>
            ),
          },
          ...(record.disqualifiedReason ? [{ key: 'disqualifiedReason', label: t('records.fields.disqualifiedReason'), children: record.disqualifiedReason }] : []),
        ];
  const convertedItem = converted
    ? [
        {
          key: 'converted',
          label: t('leads.convertedTo'),
          children: (
            <Space wrap data-testid="lead-converted">
              {record.convertedAccountId && <Link to={`/sales/accounts/${record.convertedAccountId}`}>{t('records.objects.account')}</Link>}
              {record.convertedContactId && <Link to={`/sales/contacts/${record.convertedContactId}`}>{t('records.objects.contact')}</Link>}
              {record.convertedOpportunityId && <Link to={`/sales/opportunities/${record.convertedOpportunityId}`}>{t('records.objects.opportunity')}</Link>}
            </Space>
          ),
        },
      ]
    : [];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/sales/leads">{t('leads.title')}</Link> }, { title: record.name || t('records.unnamed') }]} />
      <RecordView
        objectType="lead"
        record={record}
        access={access}
        // The form sends only fields of the lead form, so the generic changes are an UpdateLeadDto.
        save={(changes) => update.mutateAsync({ id, version: record.version, changes: changes as UpdateLeadBody })}
        remove={() => remove.mutateAsync({ id, version: record.version })}
        reload={() => lead.refetch()}
        onDeleted={() => void navigate('/sales/leads')}
        deleteConflictText={t('records.delete.referenced')}
        extraDetails={[...statusItem, ...convertedItem]}
        extraActions={
          canConvert ? (
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setConverting(true)} data-testid="lead-convert">
              {t('leads.convert.button')}
            </Button>
          ) : undefined
        }
      >
        <ActivityTimeline filter={{ relatedId: id }} about={{ relatedType: 'lead', relatedId: id, name: record.name ?? '' }} />
      </RecordView>
      {converting && <ConvertLeadDialog lead={record} onClose={() => setConverting(false)} onConverted={() => setConverting(false)} />}
      {disqualifying && (
        <Modal
          open
          title={t('leads.disqualify.title')}
          okText={t('leads.disqualify.ok')}
          okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'disqualify-submit' } as ButtonProps}
          onCancel={() => setDisqualifying(false)}
          onOk={() => {
            setDisqualifying(false);
            void changeStatus({ status: 'disqualified', disqualifiedReason: reason.trim() });
          }}
        >
          <Form layout="vertical">
            <Form.Item label={t('leads.disqualify.reason')}>
              <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} data-testid="disqualify-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
