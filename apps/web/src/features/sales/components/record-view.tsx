import type { RecordObjectType } from '../utils/record-fields';
import { DeleteOutlined, EditOutlined, ShareAltOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Can } from '@/components/can';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import type { FieldAccess, RecordAccess } from '@/lib/permissions';
import { useSessionUser } from '@/lib/session';
import { useTeams } from '@/lib/teams';
import { FLAG_FIELDS, RECORD_FIELDS, fieldValue, type RecordFieldName } from '../utils/record-fields';
import { EditRecordDrawer } from './edit-record-drawer';
import { FieldValue } from './field-value';
import type { RecordChanges } from './record-form';
import { ReassignModal } from './reassign-modal';
import { ShareDialog } from './share-dialog';

/** What the record page needs of an account or a contact as the API sends it (fields may be absent). */
export interface SalesRecord {
  id: string;
  version: number;
  name?: string;
  ownerId?: string;
  teamId?: string | null;
  partnerAccountId?: string | null;
  ownerOnlyEdit?: boolean;
  restricted?: boolean;
  updatedAt: string;
  myAccess?: RecordAccess;
}

export interface RecordViewProps {
  objectType: RecordObjectType;
  record: SalesRecord;
  access: (field: string) => FieldAccess;
  /** PATCH with the changed fields and If-Match. */
  save: (changes: RecordChanges) => Promise<unknown>;
  /** DELETE with If-Match. */
  remove: () => Promise<unknown>;
  /** Reads the record again. */
  reload: () => Promise<unknown>;
  /** After a successful delete: where to go. */
  onDeleted: () => void;
  /** The message for a 409 on delete (e.g. an account that still has contacts). */
  deleteConflictText: string;
  /** Extra facts in the details (a contact's account). */
  extraDetails?: DescriptionsProps['items'];
  /** Extra actions in the header (New contact). */
  extraActions?: ReactNode;
  /** Key figures above the details (the account 360° page's summary). */
  summary?: ReactNode;
  /** Related lists below the details. */
  children?: ReactNode;
}

type Dialog = 'edit' | 'share' | 'reassign' | null;

/**
 * The record page of an account or a contact: its name and owner, the fields the caller may see (masked ones
 * marked), its record attributes, and the actions `myAccess` allows: edit, share, reassign, delete.
 */
export function RecordView({ objectType, record, access, save, remove, reload, onDeleted, deleteConflictText, extraDetails = [], extraActions, summary, children }: RecordViewProps) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useSessionUser();
  const teams = useTeams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const my = record.myAccess;
  const label = (field: RecordFieldName) => t(`records.fields.${field}`);
  const visible = (field: string) => access(field) !== 'hidden';
  const isOwner = Boolean(me && record.ownerId === me.id);
  const team = record.teamId ? teams.data?.find((candidate) => candidate.id === record.teamId) : undefined;
  const teamLabel = team ? localizedName(team, i18n.language) : !record.teamId ? t('common.none') : teams.isPending ? '…' : t('common.unknownTeam');
  const name = visible('name') ? record.name || t('records.unnamed') : t(`records.hiddenName.${objectType}`);
  // What this record lets the caller change: the server's per-record answer (an edit share makes a read-only role an
  // editor of the fields no rule protects); flags keep their object-level access (only the owner sets them).
  const editAccess = (field: string): FieldAccess => {
    const editable = my?.editableFields;
    if (!editable || (FLAG_FIELDS as readonly string[]).includes(field)) return access(field);
    if (editable.includes(field)) return 'edit';
    return access(field) === 'edit' ? 'read' : access(field);
  };

  function confirmDelete() {
    modal.confirm({
      title: t(`records.delete.title.${objectType}`, { name }),
      content: t('records.delete.content'),
      okText: t('records.delete.ok'),
      okButtonProps: { danger: true },
      cancelText: t('records.cancel'),
      onOk: async () => {
        try {
          await remove();
          void message.success(t(`records.delete.done.${objectType}`));
          onDeleted();
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) return void message.error(deleteConflictText, 6);
          if (error instanceof ApiError && error.status === 412) {
            void reload();
            return void message.warning(t('records.delete.conflict'), 6);
          }
          void message.error(error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network'));
        }
      },
    });
  }

  const businessItems: DescriptionsProps['items'] = RECORD_FIELDS[objectType]
    .filter((spec) => visible(spec.name))
    .map((spec) => ({
      key: spec.name,
      label: label(spec.name),
      children: <FieldValue field={spec.name} value={fieldValue(record, spec.name)} access={access(spec.name)} />,
    }));

  const flag = (value: boolean | undefined, testId: string) => (
    <Tag color={value ? 'orange' : 'default'} data-testid={testId}>
      {value ? t('common.yes') : t('common.no')}
    </Tag>
  );
  const attributeItems: DescriptionsProps['items'] = [
    ...(visible('ownerId') ? [{ key: 'ownerId', label: label('ownerId'), children: <UserName id={record.ownerId} testId="record-owner" /> }] : []),
    ...(visible('teamId')
      ? [{ key: 'teamId', label: label('teamId'), children: teamLabel }]
      : []),
    ...(visible('partnerAccountId') && record.partnerAccountId
      ? [{ key: 'partnerAccountId', label: label('partnerAccountId'), children: <span title={record.partnerAccountId}>{t('records.partnerLinked')}</span> }]
      : []),
    ...(visible('ownerOnlyEdit') ? [{ key: 'ownerOnlyEdit', label: label('ownerOnlyEdit'), children: flag(record.ownerOnlyEdit, 'record-owner-only') }] : []),
    ...(visible('restricted') ? [{ key: 'restricted', label: label('restricted'), children: flag(record.restricted, 'record-restricted') }] : []),
    {
      key: 'id',
      label: t('records.id'),
      children: (
        <Typography.Text copyable={{ text: record.id, tooltips: [t('records.copyId'), t('records.copied')] }} code data-testid="record-id">
          {record.id}
        </Typography.Text>
      ),
    },
    { key: 'updatedAt', label: t('records.updatedAt'), children: new Date(record.updatedAt).toLocaleString(i18n.language) },
  ];

  const actions = (
    <Space wrap>
      {extraActions}
      <Can record={my} action="update">
        <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="record-edit">
          {t('records.actions.edit')}
        </Button>
      </Can>
      <Can record={my} action="share">
        <Button icon={<ShareAltOutlined />} onClick={() => setDialog('share')} data-testid="record-share">
          {t('records.actions.share')}
        </Button>
      </Can>
      <Can record={my} action="reassign">
        <Button icon={<SwapOutlined />} onClick={() => setDialog('reassign')} data-testid="record-reassign">
          {t('records.actions.reassign')}
        </Button>
      </Can>
      <Can record={my} action="delete">
        <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="record-delete">
          {t('records.actions.delete')}
        </Button>
      </Can>
    </Space>
  );

  return (
    <>
      <PageHeader title={name} extra={actions} />
      <Flex vertical gap={16}>
        <Space size={[8, 4]} wrap data-testid="record-summary">
          {visible('ownerId') && (
            <Typography.Text type="secondary">
              {t('records.ownerLabel')} <UserName id={record.ownerId} />
            </Typography.Text>
          )}
          {visible('restricted') && record.restricted && <Tag color="red">{t('accounts.tags.restricted')}</Tag>}
          {visible('ownerOnlyEdit') && record.ownerOnlyEdit && <Tag color="gold">{t('accounts.tags.ownerOnlyEdit')}</Tag>}
        </Space>
        {summary}
        <Card title={t('records.details')} size="small">
          <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} size="small" items={[...businessItems, ...extraDetails]} data-testid="record-fields" />
        </Card>
        <Card title={t('records.attributes')} size="small">
          <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} size="small" items={attributeItems} data-testid="record-attributes" />
        </Card>
        {children}
      </Flex>
      {dialog === 'edit' && <EditRecordDrawer objectType={objectType} record={record} title={name} access={editAccess} isOwner={isOwner} save={save} reload={reload} onClose={() => setDialog(null)} />}
      {dialog === 'share' && <ShareDialog objectType={objectType} record={{ ...record, name }} onClose={() => setDialog(null)} />}
      {dialog === 'reassign' && <ReassignModal ownerId={record.ownerId} save={(ownerId) => save({ ownerId })} onClose={() => setDialog(null)} />}
    </>
  );
}
