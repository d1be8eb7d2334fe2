import { EditOutlined, KeyOutlined, PlusOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type User } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useCurrentUserId, useForcePasswordReset, useUsers } from '../api/users';
import { UserFormModal } from './user-form-modal';
import { UserRolesModal } from './user-roles-modal';

const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZE = 50;

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'roles'; user: User } | null;

/** Users of the organisation: search, load more by cursor, create, edit, roles and forced password resets. */
export function UsersTab() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const language = i18n.language;
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const users = useUsers({ limit: PAGE_SIZE, ...(q ? { q } : {}) });
  const currentUserId = useCurrentUserId();
  const forceReset = useForcePasswordReset();

  function confirmReset(user: User) {
    const name = localizedName(user, language);
    modal.confirm({
      title: t('admin.users.reset.title', { name }),
      content: t('admin.users.reset.content'),
      okText: t('admin.users.reset.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin.users.form.cancel'),
      onOk: async () => {
        try {
          const { expiresAt } = await forceReset.mutateAsync(user.id);
          void message.success(t('admin.users.reset.done', { expiresAt: new Date(expiresAt).toLocaleString(language) }), 8);
        } catch (error) {
          void message.error(error instanceof ApiError && error.status === 403 ? t('admin.users.errors.forbidden') : t('errors.generic'));
        }
      },
    });
  }

  const columns: TableColumnsType<User> = [
    { key: 'name', title: t('admin.users.columns.name'), render: (_, user) => localizedName(user, language) },
    { key: 'email', dataIndex: 'email', title: t('admin.users.columns.email') },
    {
      key: 'team',
      title: t('admin.users.columns.team'),
      render: (_, user) => (user.team ? localizedName(user.team, language) : user.partnerAccount ? localizedName(user.partnerAccount, language) : t('admin.users.none')),
    },
    {
      key: 'roles',
      title: t('admin.users.columns.roles'),
      render: (_, user) => (
        <Space size={[0, 4]} wrap>
          {user.roles.map((role) => (
            <Tag key={role.key} title={role.description} color={role.key === 'system_admin' ? 'volcano' : 'blue'}>
              {localizedName(role, language)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('admin.users.columns.status'),
      render: (_, user) =>
        user.active ? <Tag color="green">{t('admin.users.status.active')}</Tag> : <Tag>{t('admin.users.status.inactive')}</Tag>,
    },
    {
      key: 'lastLogin',
      title: t('admin.users.columns.lastLogin'),
      render: (_, user) => (user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString(language) : t('admin.users.never')),
    },
    {
      key: 'actions',
      title: t('admin.users.columns.actions'),
      render: (_, user) => {
        const isSelf = user.id === currentUserId;
        const rolesButton = (
          <Button size="small" type="link" icon={<SafetyCertificateOutlined />} disabled={isSelf} onClick={() => setDialog({ kind: 'roles', user })} data-testid={`user-roles-${user.id}`}>
            {t('admin.users.actions.roles')}
          </Button>
        );
        return (
          <Space size={0} wrap>
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', user })} data-testid={`user-edit-${user.id}`}>
              {t('admin.users.actions.edit')}
            </Button>
            {isSelf ? <Tooltip title={t('admin.users.rolesSelf')}>{rolesButton}</Tooltip> : rolesButton}
            <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => confirmReset(user)} data-testid={`user-reset-${user.id}`}>
              {t('admin.users.actions.resetPassword')}
            </Button>
          </Space>
        );
      },
    },
  ];

  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];
  const close = () => setDialog(null);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" gap={16} wrap>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('admin.users.search')}
          aria-label={t('admin.users.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ maxWidth: 320 }}
          data-testid="users-search"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="user-new">
          {t('admin.users.new')}
        </Button>
      </Flex>
      {users.isError && <Alert type="error" showIcon title={users.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <Table<User>
        rowKey="id"
        data-testid="users-table"
        columns={columns}
        dataSource={rows}
        loading={users.isPending || (users.isFetching && !users.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('admin.users.empty') }}
      />
      {users.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage} data-testid="users-load-more">
            {t('admin.users.loadMore')}
          </Button>
        </Flex>
      )}
      {dialog?.kind === 'create' && <UserFormModal onClose={close} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} isSelf={dialog.user.id === currentUserId} onClose={close} />}
      {dialog?.kind === 'roles' && <UserRolesModal user={dialog.user} onClose={close} />}
    </Flex>
  );
}
