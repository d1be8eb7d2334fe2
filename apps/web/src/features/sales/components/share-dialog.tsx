import { DeleteOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Modal, Popconfirm, Radio, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserName } from '@/components/user-name';
import { UserPicker } from '@/components/user-picker';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { useTeams, type Team } from '@/lib/teams';
import { SHARE_ACCESS, useGrantShare, useRevokeShare, useShares, type Share, type ShareAccess, type ShareGrant, type SharedObjectType } from '../api/record-shares';

type GranteeKind = 'user' | 'team';

interface AddShareValues {
  kind: GranteeKind;
  userId?: string;
  teamId?: string;
  access: ShareAccess;
}

export interface ShareDialogProps {
  objectType: SharedObjectType;
  record: { id: string; name?: string; restricted?: boolean; ownerId?: string };
  onClose: () => void;
}

function teamLabel(team: Team, language: string): string {
  return `${localizedName(team, language)} (${team.code})`;
}

/**
 * The explicit shares of one record: who has it (users and teams, read or edit, granted by whom and when), and
 * granting, changing and revoking them. Open it only with `myAccess.share`; the API checks the same.
 */
export function ShareDialog({ objectType, record, onClose }: ShareDialogProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const language = i18n.language;
  const [form] = Form.useForm<AddShareValues>();
  const shares = useShares(objectType, record.id);
  const teams = useTeams();
  const grant = useGrantShare(objectType, record.id);
  const revoke = useRevokeShare(objectType, record.id);
  const [pendingShare, setPendingShare] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'user';
  const teamsById = new Map((teams.data ?? []).map((team) => [team.id, team]));

  function errorText(error: unknown): string {
    if (!(error instanceof ApiError)) return t('errors.network');
    const fieldMessages = Object.values(error.fieldErrors);
    if (error.status === 400 && fieldMessages.length > 0) return fieldMessages.join(' ');
    if (error.status === 403) return error.detail ?? t('records.share.forbidden');
    return t('errors.generic');
  }

  async function send(body: ShareGrant, doneText: string, shareId?: string) {
    setPendingShare(shareId ?? 'new');
    try {
      await grant.mutateAsync(body);
      void message.success(doneText);
      return true;
    } catch (error) {
      void message.error(errorText(error));
      return false;
    } finally {
      setPendingShare(null);
    }
  }

  async function onAdd(values: AddShareValues) {
    const body: ShareGrant = values.kind === 'user' && values.userId ? { userId: values.userId, access: values.access } : { teamId: values.teamId, access: values.access };
    if (await send(body, t('records.share.added'))) form.resetFields(['userId', 'teamId']);
  }

  async function onRevoke(share: Share) {
    setPendingShare(share.id);
    try {
      await revoke.mutateAsync(share.id);
      void message.success(t('records.share.revoked'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setPendingShare(null);
    }
  }

  const columns: TableColumnsType<Share> = [
    {
      key: 'grantee',
      title: t('records.share.grantee'),
      render: (_, share) =>
        share.teamId ? (
          <Space size={6}>
            <TeamOutlined aria-label={t('records.share.team')} />
            {teamsById.get(share.teamId) ? teamLabel(teamsById.get(share.teamId) as Team, language) : t('common.unknownTeam')}
          </Space>
        ) : (
          <Space size={6}>
            <UserOutlined aria-label={t('records.share.user')} />
            <UserName id={share.userId} />
          </Space>
        ),
    },
    {
      key: 'access',
      title: t('records.share.access'),
      render: (_, share) => (
        <Select<ShareAccess>
          size="small"
          value={share.access}
          disabled={pendingShare !== null}
          aria-label={t('records.share.access')}
          onChange={(access) =>
            void send(share.teamId ? { teamId: share.teamId, access } : { userId: share.userId ?? undefined, access }, t('records.share.changed'), share.id)
          }
          options={SHARE_ACCESS.map((access) => ({ value: access, label: t(`records.share.levels.${access}`) }))}
          style={{ width: 110 }}
          data-testid={`share-access-${share.id}`}
        />
      ),
    },
    { key: 'grantedBy', title: t('records.share.grantedBy'), render: (_, share) => <UserName id={share.grantedBy} /> },
    { key: 'createdAt', title: t('records.share.grantedAt'), render: (_, share) => new Date(share.createdAt).toLocaleString(language) },
    {
      key: 'revoke',
      title: '',
      render: (_, share) => (
        <Popconfirm
          title={t('records.share.revokeConfirm')}
          okText={t('records.share.revoke')}
          cancelText={t('records.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => onRevoke(share)}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={pendingShare === share.id} data-testid={`share-revoke-${share.id}`}>
            {t('records.share.revoke')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Modal open title={t('records.share.title', { name: record.name ?? '' })} onCancel={onClose} footer={null} width={760} data-testid="share-dialog">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('records.share.intro')}
        </Typography.Paragraph>
        {record.restricted && <Alert type="info" showIcon title={t('records.share.restrictedHint')} />}
        <Form<AddShareValues>
          form={form}
          layout="inline"
          initialValues={{ kind: 'user', access: 'read' }}
          onFinish={(values) => void onAdd(values)}
          disabled={pendingShare !== null}
          style={{ rowGap: 8 }}
          data-testid="share-add-form"
        >
          <Form.Item name="kind">
            <Radio.Group optionType="button">
              <Radio.Button value="user" data-testid="share-kind-user">
                {t('records.share.user')}
              </Radio.Button>
              <Radio.Button value="team" data-testid="share-kind-team">
                {t('records.share.team')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          {kind === 'user' ? (
            <Form.Item name="userId" rules={[{ required: true, message: t('records.share.pickUser') }]} style={{ minWidth: 260 }}>
              <UserPicker testId="share-user" exclude={record.ownerId ? [record.ownerId] : []} />
            </Form.Item>
          ) : (
            <Form.Item name="teamId" rules={[{ required: true, message: t('records.share.pickTeam') }]} style={{ minWidth: 260 }}>
              <Select<string>
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('records.share.pickTeam')}
                loading={teams.isPending}
                options={(teams.data ?? []).map((team) => ({ value: team.id, label: teamLabel(team, language) }))}
                data-testid="share-team"
              />
            </Form.Item>
          )}
          <Form.Item name="access">
            <Select<ShareAccess>
              aria-label={t('records.share.access')}
              options={SHARE_ACCESS.map((access) => ({ value: access, label: t(`records.share.levels.${access}`) }))}
              style={{ width: 110 }}
              data-testid="share-access"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={pendingShare === 'new'} data-testid="share-add">
              {t('records.share.add')}
            </Button>
          </Form.Item>
        </Form>
        {shares.isError && <Alert type="error" showIcon title={shares.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
        <Table<Share>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={shares.data ?? []}
          loading={shares.isPending}
          pagination={false}
          locale={{ emptyText: t('records.share.empty') }}
          data-testid="shares-table"
        />
      </Flex>
    </Modal>
  );
}
