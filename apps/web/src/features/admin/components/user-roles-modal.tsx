import { Alert, App, Button, Flex, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type User } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { useRequestRoleGrant } from '../api/role-grants';
import { useRoles } from '../api/teams';
import { useSetUserRoles, type RoleKey } from '../api/users';
import { roleGrantErrorText } from '../utils/role-grant-errors';
import { closeIfStale } from '../utils/stale-user';

const REASON_MAX = 500;

/** The API's 403 for a change that only a second administrator may approve (business rights on an administrator account). */
function needsSecondAdministrator(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && 'roles' in error.fieldErrors;
}

/**
 * Replaces a user's roles, with the row's version as If-Match. When the change would give an administrator account
 * business rights (or make a business user an administrator), the API refuses it; the modal then offers to ask a
 * second administrator for exactly this change, with a reason they will see.
 */
export function UserRolesModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoles();
  const setRoles = useSetUserRoles();
  const requestGrant = useRequestRoleGrant();
  const [selected, setSelected] = useState<RoleKey[]>(user.roles.map((role) => role.key));
  const [alert, setAlert] = useState<string | null>(null);
  // Set when the API said this selection needs a second administrator.
  const [needsApproval, setNeedsApproval] = useState(false);
  const [reason, setReason] = useState('');
  const busy = setRoles.isPending || requestGrant.isPending;

  function save() {
    setAlert(null);
    setRoles.mutate(
      { id: user.id, version: user.version, roles: selected },
      {
        onSuccess: () => {
          void message.success(t('admin.users.rolesSaved'));
          onClose();
        },
        onError: (error) => {
          if (closeIfStale(error, () => void message.warning(t('admin.users.errors.conflict')), onClose)) return;
          if (needsSecondAdministrator(error)) return setNeedsApproval(true);
          if (error instanceof ApiError && error.status === 403) return setAlert(t('admin.users.errors.forbidden'));
          const fieldMessages = error instanceof ApiError ? Object.values(error.fieldErrors) : [];
          setAlert(fieldMessages.join(' ') || t('errors.generic'));
        },
      },
    );
  }

  function ask() {
    setAlert(null);
    requestGrant.mutate(
      { userId: user.id, roles: selected, userVersion: user.version, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      {
        onSuccess: () => {
          void message.success(t('admin.approvals.ask.sent'), 6);
          onClose();
        },
        onError: (error) => setAlert(roleGrantErrorText(error, t)),
      },
    );
  }

  return (
    <Modal open title={t('admin.users.form.rolesTitle', { name: localizedName(user, i18n.language) })} onCancel={onClose} footer={null} width={560}>
      <Flex vertical gap={16}>
        {alert && <Alert type="error" showIcon title={alert} data-testid="user-roles-error" />}
        <Select<RoleKey[]>
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('admin.users.form.roles')}
          value={selected}
          onChange={(next) => {
            setSelected(next);
            // Another selection may not need a second administrator: try saving it first.
            setNeedsApproval(false);
          }}
          loading={roles.isPending}
          disabled={busy}
          // Until the catalogue loads, the user's own roles label their keys.
          options={(roles.data ?? user.roles).map((role) => ({ value: role.key, label: localizedName(role, i18n.language), title: role.description }))}
          data-testid="user-roles-select"
        />
        {needsApproval && (
          <Alert
            type="warning"
            showIcon
            title={t('admin.approvals.ask.title')}
            description={
              <Flex vertical gap={8}>
                <Typography.Text>{t('admin.approvals.ask.explain')}</Typography.Text>
                <Input.TextArea
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  maxLength={REASON_MAX}
                  showCount
                  autoSize={{ minRows: 2, maxRows: 5 }}
                  placeholder={t('admin.approvals.ask.reasonPlaceholder')}
                  aria-label={t('admin.approvals.ask.reason')}
                  disabled={busy}
                  data-testid="user-roles-reason"
                />
              </Flex>
            }
            data-testid="user-roles-needs-approval"
          />
        )}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('admin.users.form.cancel')}</Button>
          {needsApproval ? (
            <Button type="primary" onClick={ask} loading={requestGrant.isPending} data-testid="user-roles-ask">
              {t('admin.approvals.ask.submit')}
            </Button>
          ) : (
            <Button type="primary" onClick={save} loading={setRoles.isPending} disabled={selected.length === 0} data-testid="user-roles-submit">
              {t('admin.users.form.save')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Modal>
  );
}
