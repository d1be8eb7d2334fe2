import { Alert, App, Button, Card, Flex, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import {
  ACCESS_LEVELS,
  FIELD_ACCESS,
  NO_LEVELS,
  OBJECT_FIELDS,
  OBJECT_TYPES,
  fieldLabelKey,
  POLICY_ACTIONS,
  useCurrentRoleKeys,
  useRolePolicy,
  useSaveObjectPolicy,
  type AccessLevel,
  type FieldAccess,
  type FieldRulesInput,
  type ObjectPolicy,
  type ObjectType,
  type PolicyField,
  type PolicyLevelsInput,
} from '../api/policies';
import { useRoles } from '../api/teams';
import type { RoleKey } from '../api/users';

/** The value of a field's select when it has no explicit rule. */
const DEFAULT_ACCESS = 'default';
type FieldChoice = FieldAccess | typeof DEFAULT_ACCESS;
const FIELD_CHOICES: readonly FieldChoice[] = [DEFAULT_ACCESS, ...FIELD_ACCESS];

/** Role permissions: per object type, a level per action and explicit field rules. */
export function RolesTab() {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const [picked, setPicked] = useState<RoleKey>();
  // Until the admin picks one, the first role that takes business rights.
  const roleKey = picked ?? (roles.data?.find((role) => role.key !== 'system_admin') ?? roles.data?.[0])?.key;
  const policy = useRolePolicy(roleKey);
  const ownRoles = useCurrentRoleKeys();

  const readOnlyReason =
    roleKey === 'system_admin' ? t('admin.roles.systemAdmin') : roleKey && ownRoles.includes(roleKey) ? t('admin.roles.ownRole') : null;
  const loadError = roles.error ?? policy.error;
  const policyData = policy.data;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8}>
        <Typography.Text>{t('admin.roles.role')}</Typography.Text>
        <Select<RoleKey>
          aria-label={t('admin.roles.role')}
          value={roleKey}
          onChange={setPicked}
          loading={roles.isPending}
          options={(roles.data ?? []).map((role) => ({ value: role.key, label: localizedName(role, i18n.language), title: role.description }))}
          style={{ minWidth: 240 }}
          data-testid="policy-role-select"
        />
      </Flex>
      {loadError && <Alert type="error" showIcon title={loadError instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      {readOnlyReason && <Alert type="info" showIcon title={readOnlyReason} data-testid="policy-read-only" />}
      {roleKey && policyData?.role === roleKey && (
        <Tabs
          // A new role starts from its own policy, with no leftover edits. Panes render on first visit and then
          // stay mounted, so edits survive switching between object types.
          key={roleKey}
          items={OBJECT_TYPES.map((objectType) => ({
            key: objectType,
            label: t(`admin.roles.objects.${objectType}`),
            children: (
              <ObjectPolicyEditor
                roleKey={roleKey}
                objectType={objectType}
                policy={policyData.objects.find((object) => object.objectType === objectType)}
                readOnly={readOnlyReason !== null}
              />
            ),
          }))}
        />
      )}
    </Flex>
  );
}

interface ObjectPolicyEditorProps {
  roleKey: RoleKey;
  objectType: ObjectType;
  /** Undefined when the role has no rights on the object type at all. */
  policy: ObjectPolicy | undefined;
  readOnly: boolean;
}

/**
 * The action matrix and field grid of one object type. Edits are kept as overrides of the saved policy, so
 * only what differs from it is sent, and what did get saved stops counting as changed even if a later step fails.
 */
function ObjectPolicyEditor({ roleKey, objectType, policy, readOnly }: ObjectPolicyEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveObjectPolicy();
  const [levelEdits, setLevelEdits] = useState<PolicyLevelsInput>({});
  const [fieldEdits, setFieldEdits] = useState<Record<string, FieldChoice>>({});
  const [alert, setAlert] = useState<string | null>(null);

  const savedLevels = policy?.levels ?? NO_LEVELS;
  const savedFields = policy?.fields ?? {};
  const levels = { ...savedLevels, ...levelEdits };
  const fieldChoice = (field: PolicyField): FieldChoice => fieldEdits[field] ?? savedFields[field] ?? DEFAULT_ACCESS;

  const changedLevels: PolicyLevelsInput = {};
  for (const action of POLICY_ACTIONS) if (levels[action] !== savedLevels[action]) changedLevels[action] = levels[action];
  const changedFields: FieldRulesInput = {};
  for (const field of OBJECT_FIELDS[objectType]) {
    const choice = fieldChoice(field);
    if (choice !== (savedFields[field] ?? DEFAULT_ACCESS)) changedFields[field] = choice === DEFAULT_ACCESS ? null : choice;
  }
  const dirty = Object.keys(changedLevels).length > 0 || Object.keys(changedFields).length > 0;

  function submit() {
    setAlert(null);
    save.mutate(
      { roleKey, objectType, levels: changedLevels, fields: changedFields },
      {
        onSuccess: () => {
          setLevelEdits({});
          setFieldEdits({});
          void message.success(t('admin.roles.saved'));
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return setAlert(t('errors.network'));
          // The server explains a 403 (a role the admin holds, business rights for system_admin) and names the
          // unknown fields of a 400: show its words.
          const fieldMessages = Object.entries(error.fieldErrors).map(([field, text]) => `${field}: ${text}`);
          if (error.status === 400) return setAlert(fieldMessages.join(' ') || error.message || t('errors.generic'));
          if (error.status === 403) return setAlert(error.detail ?? t('admin.roles.errors.forbidden'));
          setAlert(t('errors.generic'));
        },
      },
    );
  }

  const levelColumns: TableColumnsType<ObjectType> = [
    { key: 'object', title: t('admin.roles.columns.object'), render: () => t(`admin.roles.objects.${objectType}`) },
    ...POLICY_ACTIONS.map((action) => ({
      key: action,
      title: t(`admin.roles.actions.${action}`),
      render: () => (
        <Select<AccessLevel>
          aria-label={`${t(`admin.roles.objects.${objectType}`)} ${t(`admin.roles.actions.${action}`)}`}
          value={levels[action]}
          onChange={(level) => setLevelEdits((edits) => ({ ...edits, [action]: level }))}
          disabled={readOnly || save.isPending}
          options={ACCESS_LEVELS.map((level) => ({ value: level, label: t(`admin.roles.levels.${level}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 120 }}
          data-testid={`policy-level-${objectType}-${action}`}
        />
      ),
    })),
  ];

  const fieldColumns: TableColumnsType<PolicyField> = [
    { key: 'field', title: t('admin.roles.columns.field'), render: (_, field) => t(fieldLabelKey(field)) },
    {
      key: 'access',
      title: t('admin.roles.columns.access'),
      render: (_, field) => (
        <Select<FieldChoice>
          aria-label={t(fieldLabelKey(field))}
          value={fieldChoice(field)}
          onChange={(choice) => setFieldEdits((edits) => ({ ...edits, [field]: choice }))}
          disabled={readOnly || save.isPending}
          options={FIELD_CHOICES.map((access) => ({ value: access, label: t(`admin.roles.access.${access}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 200 }}
          data-testid={`policy-field-${objectType}-${field}`}
        />
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t(`admin.roles.objects.${objectType}`)}
      extra={
        <Button type="primary" onClick={submit} loading={save.isPending} disabled={readOnly || !dirty} data-testid={`policy-save-${objectType}`}>
          {t('admin.roles.save')}
        </Button>
      }
      data-testid={`policy-${objectType}`}
    >
      <Flex vertical gap={16}>
        {alert && <Alert type="error" showIcon title={alert} data-testid={`policy-error-${objectType}`} />}
        <Table<ObjectType>
          rowKey={(row) => row}
          columns={levelColumns}
          dataSource={[objectType]}
          pagination={false}
          size="small"
          scroll={{ x: 'max-content' }}
          data-testid={`policy-levels-${objectType}`}
        />
        <Typography.Text strong>{t('admin.roles.fieldsTitle')}</Typography.Text>
        <Typography.Text type="secondary">{t('admin.roles.fieldsHint')}</Typography.Text>
        <Table<PolicyField>
          rowKey={(field) => field}
          columns={fieldColumns}
          dataSource={[...OBJECT_FIELDS[objectType]]}
          pagination={false}
          size="small"
          data-testid={`policy-fields-${objectType}`}
        />
      </Flex>
    </Card>
  );
}
