import { Alert, App, Button, Flex, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type User } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { LANGUAGES, type Language } from '@/lib/language';
import { localizedName } from '@/lib/localized';
import { useRoles, useTeams } from '../api/teams';
import { useCreateUser, useUpdateUser, type CreateUserBody, type RoleKey, type UpdateUserBody } from '../api/users';
import { closeIfStale } from '../utils/stale-user';

interface UserFormValues {
  email: string;
  name: string;
  nameEn: string;
  phone: string;
  locale: Language;
  teamId?: string;
  roles: RoleKey[];
  active: boolean;
}

const CREATE_FIELDS = ['email', 'name', 'nameEn', 'phone', 'locale', 'teamId', 'roles'] as const;
const EDIT_FIELDS = ['name', 'nameEn', 'phone', 'locale', 'teamId', 'active'] as const;
// Same rule as the API's user DTOs, so most mistakes are caught before a round trip.
const PHONE = /^\+?[0-9 ()-]{5,30}$/;

function createBodyOf(values: UserFormValues): CreateUserBody {
  return {
    email: values.email.trim(),
    name: values.name.trim(),
    nameEn: values.nameEn.trim(),
    locale: values.locale,
    roles: values.roles,
    ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.teamId ? { teamId: values.teamId } : {}),
  };
}

/** Only what changed is sent; an emptied phone is cleared with null. */
function changesOf(user: User, values: UserFormValues): UpdateUserBody {
  const changes: UpdateUserBody = {};
  if (values.name.trim() !== user.name) changes.name = values.name.trim();
  if (values.nameEn.trim() !== user.nameEn) changes.nameEn = values.nameEn.trim();
  const phone = values.phone?.trim() || null;
  if (phone !== user.phone) changes.phone = phone;
  if (values.locale !== user.locale) changes.locale = values.locale;
  if (values.teamId && values.teamId !== user.team?.id) changes.teamId = values.teamId;
  if (values.active !== user.active) changes.active = values.active;
  return changes;
}

/**
 * Creates a user (`user` absent) or edits one. No password is ever set here: a new user is mailed an
 * activation link. Edits carry the row's version as If-Match; a 412 closes the form and reloads the list.
 */
export function UserFormModal({ user, isSelf = false, onClose }: { user?: User; isSelf?: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const teams = useTeams();
  const roles = useRoles();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const pending = createUser.isPending || updateUser.isPending;
  const language = i18n.language;

  function showError(error: unknown, fields: readonly (keyof UserFormValues & string)[]) {
    // A new administrator with business roles needs a second administrator: said on the roles field.
    if (error instanceof ApiError && error.status === 403 && 'roles' in error.fieldErrors && fields.includes('roles')) {
      return form.setFields([{ name: 'roles', errors: [t('admin.approvals.createNeedsApproval')] }]);
    }
    if (error instanceof ApiError && error.status === 403) return setAlert(t('admin.users.errors.forbidden'));
    const taken = error instanceof ApiError && error.status === 409;
    const unmatched = applyFieldErrors(form, error, fields, (field, serverMessage) =>
      taken && field === 'email' ? t('admin.users.errors.emailTaken') : serverMessage,
    );
    if (unmatched.length > 0 || !(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) {
      setAlert(unmatched.join(' ') || (taken && !user ? t('admin.users.errors.emailTaken') : t('errors.generic')));
    }
  }

  function onFinish(values: UserFormValues) {
    setAlert(null);
    if (!user) {
      createUser.mutate(createBodyOf(values), {
        onSuccess: () => {
          void message.success(t('admin.users.created'));
          onClose();
        },
        onError: (error) => showError(error, CREATE_FIELDS),
      });
      return;
    }
    const changes = changesOf(user, values);
    if (Object.keys(changes).length === 0) return onClose();
    updateUser.mutate(
      { id: user.id, version: user.version, changes },
      {
        onSuccess: () => {
          void message.success(t('admin.users.saved'));
          onClose();
        },
        onError: (error) => {
          if (closeIfStale(error, () => void message.warning(t('admin.users.errors.conflict')), onClose)) return;
          showError(error, EDIT_FIELDS);
        },
      },
    );
  }

  const initialValues: Partial<UserFormValues> = user
    ? { name: user.name, nameEn: user.nameEn, phone: user.phone ?? '', locale: user.locale, active: user.active, ...(user.team ? { teamId: user.team.id } : {}) }
    : { locale: language === 'en' ? 'en' : 'zh-CN', roles: [], phone: '' };

  return (
    <Modal
      open
      title={user ? t('admin.users.form.editTitle', { name: localizedName(user, language) }) : t('admin.users.form.createTitle')}
      onCancel={onClose}
      footer={null}
      maskClosable={!pending}
    >
      <Form<UserFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={pending} data-testid="user-form">
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        {!user && <Alert type="info" showIcon title={t('admin.users.form.createHelp')} style={{ marginBottom: 16 }} />}
        {!user && (
          <Form.Item
            name="email"
            label={t('admin.users.form.email')}
            rules={[
              { required: true, whitespace: true, message: t('admin.users.validation.emailRequired') },
              { type: 'email', message: t('admin.users.validation.emailInvalid') },
            ]}
          >
            <Input autoComplete="off" data-testid="user-form-email" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('admin.users.form.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('admin.users.validation.nameRequired') }]}>
          <Input data-testid="user-form-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.users.form.nameEn')} rules={[{ required: true, whitespace: true, max: 200, message: t('admin.users.validation.nameEnRequired') }]}>
          <Input data-testid="user-form-name-en" />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.users.form.phone')} rules={[{ pattern: PHONE, message: t('admin.users.validation.phoneInvalid') }]}>
          <Input data-testid="user-form-phone" />
        </Form.Item>
        <Form.Item name="locale" label={t('admin.users.form.locale')}>
          <Select options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))} />
        </Form.Item>
        <Form.Item name="teamId" label={t('admin.users.form.team')}>
          <Select
            allowClear={!user}
            showSearch={{ optionFilterProp: 'label' }}
            loading={teams.isPending}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: `${localizedName(team, language)} (${team.code})` }))}
          />
        </Form.Item>
        {!user && (
          <Form.Item name="roles" label={t('admin.users.form.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.users.validation.rolesRequired') }]}>
            <Select
              mode="multiple"
              loading={roles.isPending}
              options={(roles.data ?? []).map((role) => ({ value: role.key, label: localizedName(role, language), title: role.description }))}
              data-testid="user-form-roles"
            />
          </Form.Item>
        )}
        {user && (
          <Form.Item
            name="active"
            label={t('admin.users.form.active')}
            valuePropName="checked"
            extra={isSelf ? t('admin.users.form.activeSelf') : t('admin.users.form.activeHelp')}
          >
            <Switch disabled={isSelf} data-testid="user-form-active" />
          </Form.Item>
        )}
        <Flex justify="end" gap={8}>
          <Button onClick={onClose} disabled={false}>
            {t('admin.users.form.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={pending} data-testid="user-form-submit">
            {user ? t('admin.users.form.save') : t('admin.users.form.create')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
