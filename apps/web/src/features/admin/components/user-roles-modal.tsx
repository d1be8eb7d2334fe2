import { Alert, App, Button, Flex, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type User } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { useRoles } from '../api/teams';
import { useSetUserRoles, type RoleKey } from '../api/users';

/** Replaces a user's roles, with the row's version as If-Match. */
export function UserRolesModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const roles = useRoles();
  const setRoles = useSetUserRoles();
  const [selected, setSelected] = useState<RoleKey[]>(user.roles.map((role) => role.key));
  const [alert, setAlert] = useState<string | null>(null);

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
          if (error instanceof ApiError && error.status === 412) {
            void message.warning(t('admin.users.errors.conflict'));
            onClose();
            return;
          }
          if (error instanceof ApiError && error.status === 403) return setAlert(t('admin.users.errors.forbidden'));
          const fieldMessages = error instanceof ApiError ? Object.values(error.fieldErrors) : [];
          setAlert(fieldMessages.join(' ') || t('errors.generic'));
        },
      },
    );
  }

  return (
    <Modal open title={t('admin.users.form.rolesTitle', { name: localizedName(user, i18n.language) })} onCancel={onClose} footer={null}>
      <Flex vertical gap={16}>
        {alert && <Alert type="error" showIcon title={alert} />}
        <Select<RoleKey[]>
          mode="multiple"
          aria-label={t('admin.users.form.roles')}
          value={selected}
          onChange={setSelected}
          loading={roles.isPending}
          disabled={setRoles.isPending}
          // Until the catalogue loads, the user's own roles label their keys.
          options={(roles.data ?? user.roles).map((role) => ({ value: role.key, label: localizedName(role, i18n.language), title: role.description }))}
          data-testid="user-roles-select"
        />
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('admin.users.form.cancel')}</Button>
          <Button type="primary" onClick={save} loading={setRoles.isPending} disabled={selected.length === 0} data-testid="user-roles-submit">
            {t('admin.users.form.save')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
