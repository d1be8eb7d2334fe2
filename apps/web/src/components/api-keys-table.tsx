import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { apiKeyState, type ApiKey } from '@/lib/api-keys';
import { UserName } from './user-name';

const STATE_COLORS = { active: 'green', expired: 'default', revoked: 'red' } as const;

export interface ApiKeysTableProps {
  keys: ApiKey[];
  loading: boolean;
  /** Revokes a key (after the confirmation; the table shows progress and the outcome); left out, there is no revoke action. */
  onRevoke?: (key: ApiKey) => Promise<unknown>;
  /** Adds the column of the user each key acts as (administrators' oversight). */
  showUser?: boolean;
  testId?: string;
}

/**
 * API keys as the API lists them: name, public prefix, dates, and whether each still works (revoked with why, or
 * expired). Only working keys can be revoked; secrets are never listed.
 */
export function ApiKeysTable({ keys, loading, onRevoke, showUser = false, testId = 'api-keys-table' }: ApiKeysTableProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [revokingId, setRevokingId] = useState<string | null>(null);

  async function revoke(key: ApiKey, run: (key: ApiKey) => Promise<unknown>) {
    setRevokingId(key.id);
    try {
      await run(key);
      void message.success(t('apiKeys.revokedDone', { name: key.name }));
    } catch (error) {
      void message.error(error instanceof ApiError ? t('errors.generic') : t('errors.network'));
    } finally {
      setRevokingId(null);
    }
  }
  const language = i18n.language;
  const dateTime = (value: string | null) => (value ? new Date(value).toLocaleString(language) : t('apiKeys.never'));

  const columns: TableColumnsType<ApiKey> = [
    ...(showUser ? [{ key: 'user', title: t('apiKeys.columns.user'), render: (_: unknown, key: ApiKey) => <UserName id={key.userId} /> }] : []),
    { key: 'name', dataIndex: 'name', title: t('apiKeys.columns.name') },
    { key: 'prefix', title: t('apiKeys.columns.prefix'), render: (_, key) => <Typography.Text code>{key.prefix}</Typography.Text> },
    { key: 'createdAt', title: t('apiKeys.columns.createdAt'), render: (_, key) => dateTime(key.createdAt) },
    { key: 'expiresAt', title: t('apiKeys.columns.expiresAt'), render: (_, key) => new Date(key.expiresAt).toLocaleDateString(language) },
    { key: 'lastUsedAt', title: t('apiKeys.columns.lastUsedAt'), render: (_, key) => dateTime(key.lastUsedAt) },
    {
      key: 'status',
      title: t('apiKeys.columns.status'),
      render: (_, key) => {
        const state = apiKeyState(key);
        const tag = (
          <Tag color={STATE_COLORS[state]} data-testid={`api-key-status-${key.id}`}>
            {t(`apiKeys.status.${state}`)}
          </Tag>
        );
        if (state !== 'revoked' || !key.revokedAt) return tag;
        const why = key.revokedReason ? t(`apiKeys.revokedReason.${key.revokedReason}`) : '';
        return <Tooltip title={t('apiKeys.revokedOn', { date: dateTime(key.revokedAt), why })}>{tag}</Tooltip>;
      },
    },
    ...(onRevoke
      ? [
          {
            key: 'revoke',
            title: '',
            render: (_: unknown, key: ApiKey) =>
              apiKeyState(key) === 'active' && (
                <Popconfirm
                  title={t('apiKeys.revokeConfirm.title', { name: key.name })}
                  description={t('apiKeys.revokeConfirm.content')}
                  okText={t('apiKeys.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('apiKeys.cancel')}
                  onConfirm={() => revoke(key, onRevoke)}
                >
                  <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={revokingId === key.id} data-testid={`api-key-revoke-${key.id}`}>
                    {t('apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <Table<ApiKey>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={keys}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('apiKeys.empty') }}
      data-testid={testId}
    />
  );
}
