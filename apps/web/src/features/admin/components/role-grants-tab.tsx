import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Radio, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { ROLE_GRANT_STATUSES, useApproveRoleGrant, useRejectRoleGrant, useRoleGrantRequests, type RoleGrantRequest, type RoleGrantStatus } from '../api/role-grants';
import { useRoles, type Role } from '../api/teams';
import { useCurrentUserId, useUser, type RoleKey } from '../api/users';
import { roleGrantErrorText } from '../utils/role-grant-errors';

const STATUS_COLORS: Record<RoleGrantStatus, string> = { pending: 'gold', approved: 'green', rejected: 'default' };

function roleLabel(roles: readonly Role[] | undefined, key: RoleKey, language: string): string {
  const role = roles?.find((candidate) => candidate.key === key);
  return role ? localizedName(role, language) : key;
}

/**
 * A pending request's roles against the user's roles now: added ones green, removed ones struck through, kept ones
 * plain; and a warning when the user changed since the request (approving would then be refused).
 */
function RolesChange({ request }: { request: RoleGrantRequest }) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const user = useUser(request.userId);
  const label = (key: RoleKey) => roleLabel(roles.data, key, i18n.language);
  if (!user.data) {
    return (
      <Space size={[0, 4]} wrap>
        {request.roles.map((key) => (
          <Tag key={key}>{label(key)}</Tag>
        ))}
      </Space>
    );
  }
  const current = user.data.roles.map((role) => role.key);
  const removed = current.filter((key) => !request.roles.includes(key));
  return (
    <Flex vertical gap={4} data-testid={`grant-roles-${request.id}`}>
      <Space size={[0, 4]} wrap>
        {request.roles.map((key) =>
          current.includes(key) ? (
            <Tag key={key}>{label(key)}</Tag>
          ) : (
            <Tag key={key} color="green" title={t('admin.approvals.added')}>
              + {label(key)}
            </Tag>
          ),
        )}
        {removed.map((key) => (
          <Tag key={key} color="red" title={t('admin.approvals.removed')} style={{ textDecoration: 'line-through' }}>
            − {label(key)}
          </Tag>
        ))}
      </Space>
      {user.data.version !== request.userVersion && <Typography.Text type="warning">{t('admin.approvals.userChangedSince')}</Typography.Text>}
    </Flex>
  );
}

/** A disabled action with the reason as its tooltip (a disabled button fires no mouse events: the wrapper listens). */
function Blocked({ reason, children }: { reason: string; children: ReactElement }) {
  return (
    <Tooltip title={reason}>
      <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>{children}</span>
    </Tooltip>
  );
}

/**
 * Role changes that need a second administrator (two-person rule): who asked what for whom and why; approve (never
 * one's own request, never for one's own account) or reject (the requester withdraws).
 */
export function RoleGrantsTab() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const language = i18n.language;
  const [status, setStatus] = useState<RoleGrantStatus>('pending');
  const requests = useRoleGrantRequests(status);
  const roles = useRoles();
  const approve = useApproveRoleGrant();
  const reject = useRejectRoleGrant();
  const me = useCurrentUserId();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const date = (value: string) => new Date(value).toLocaleString(language);

  async function decide(request: RoleGrantRequest, decision: 'approve' | 'reject') {
    setBusy(`${decision}-${request.id}`);
    setFailure(null);
    try {
      if (decision === 'approve') {
        await approve.mutateAsync(request.id);
        void message.success(t('admin.approvals.approved'));
      } else {
        await reject.mutateAsync(request.id);
        void message.success(request.requestedBy === me ? t('admin.approvals.withdrawn') : t('admin.approvals.rejected'));
      }
    } catch (error) {
      setFailure(roleGrantErrorText(error, t));
    } finally {
      setBusy(null);
    }
  }

  function actions(request: RoleGrantRequest) {
    const own = request.requestedBy === me;
    const blocked = own ? t('admin.approvals.ownRequest') : request.userId === me ? t('admin.approvals.ownAccount') : null;
    const approveButton = (
      <Button size="small" type="primary" icon={<CheckOutlined />} disabled={blocked !== null} loading={busy === `approve-${request.id}`} data-testid={`grant-approve-${request.id}`}>
        {t('admin.approvals.approve')}
      </Button>
    );
    return (
      <Space size={4} wrap>
        {blocked ? (
          <Blocked reason={blocked}>{approveButton}</Blocked>
        ) : (
          <Popconfirm title={t('admin.approvals.approveConfirm')} okText={t('admin.approvals.approve')} cancelText={t('admin.users.form.cancel')} onConfirm={() => decide(request, 'approve')}>
            {approveButton}
          </Popconfirm>
        )}
        <Popconfirm
          title={own ? t('admin.approvals.withdrawConfirm') : t('admin.approvals.rejectConfirm')}
          okText={own ? t('admin.approvals.withdraw') : t('admin.approvals.reject')}
          okButtonProps={{ danger: true }}
          cancelText={t('admin.users.form.cancel')}
          onConfirm={() => decide(request, 'reject')}
        >
          <Button size="small" danger icon={own ? <RollbackOutlined /> : <CloseOutlined />} loading={busy === `reject-${request.id}`} data-testid={`grant-reject-${request.id}`}>
            {own ? t('admin.approvals.withdraw') : t('admin.approvals.reject')}
          </Button>
        </Popconfirm>
      </Space>
    );
  }

  const columns: TableColumnsType<RoleGrantRequest> = [
    { key: 'user', title: t('admin.approvals.columns.user'), render: (_, request) => <UserName id={request.userId} /> },
    {
      key: 'roles',
      title: status === 'pending' ? t('admin.approvals.columns.change') : t('admin.approvals.columns.roles'),
      render: (_, request) =>
        request.status === 'pending' ? (
          <RolesChange request={request} />
        ) : (
          <Space size={[0, 4]} wrap>
            {request.roles.map((key) => (
              <Tag key={key}>{roleLabel(roles.data, key, language)}</Tag>
            ))}
          </Space>
        ),
    },
    { key: 'reason', title: t('admin.approvals.columns.reason'), render: (_, request) => request.reason ?? <Typography.Text type="secondary">{t('admin.approvals.noReason')}</Typography.Text> },
    {
      key: 'requested',
      title: t('admin.approvals.columns.requested'),
      render: (_, request) => (
        <Flex vertical>
          <UserName id={request.requestedBy} />
          <Typography.Text type="secondary">{date(request.requestedAt)}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'decision',
      title: t('admin.approvals.columns.decision'),
      render: (_, request) =>
        request.status === 'pending' ? (
          <Typography.Text type="secondary">{t('admin.approvals.expires', { date: date(request.expiresAt) })}</Typography.Text>
        ) : (
          <Flex vertical align="flex-start">
            <Tag color={STATUS_COLORS[request.status]}>{t(`admin.approvals.status.${request.status}`)}</Tag>
            <UserName id={request.decidedBy} />
            {request.decidedAt && <Typography.Text type="secondary">{date(request.decidedAt)}</Typography.Text>}
          </Flex>
        ),
    },
    ...(status === 'pending' ? [{ key: 'actions', title: t('admin.approvals.columns.actions'), render: (_: unknown, request: RoleGrantRequest) => actions(request) }] : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admin.approvals.intro')}
      </Typography.Paragraph>
      <Radio.Group
        optionType="button"
        value={status}
        onChange={(event) => {
          setFailure(null);
          setStatus(event.target.value as RoleGrantStatus);
        }}
        options={ROLE_GRANT_STATUSES.map((value) => ({ value, label: t(`admin.approvals.status.${value}`) }))}
        data-testid="grant-status"
      />
      {failure && <Alert type="error" showIcon closable={{ onClose: () => setFailure(null) }} title={failure} data-testid="grant-error" />}
      {requests.isError && <Alert type="error" showIcon title={requests.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <Table<RoleGrantRequest>
        rowKey="id"
        data-testid="grants-table"
        columns={columns}
        dataSource={requests.data?.pages.flatMap((page) => page.data) ?? []}
        loading={requests.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(`admin.approvals.empty.${status}`) }}
      />
      {requests.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void requests.fetchNextPage()} loading={requests.isFetchingNextPage}>
            {t('admin.users.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
