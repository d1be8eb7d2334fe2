import { CheckCircleTwoTone, CloseCircleTwoTone, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { UserPicker } from '@/components/user-picker';
import { ApiError } from '@/lib/api';
import { localizedName } from '@/lib/localized';
import { useAccessExplanation, type AccessExplanation, type ActionVerdict, type ExplainParams } from '../api/explain-access';
import { FIELD_ACCESS, fieldLabelKey, RECORD_OBJECT_TYPES, type FieldAccess, type ObjectType, type PolicyField } from '../api/policies';
import { useRoles } from '../api/teams';
import { localizeReason } from '../utils/explain-reasons';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCESS_COLORS: Record<FieldAccess, string> = { hidden: 'default', masked: 'orange', read: 'blue', edit: 'green' };

interface ExplainFormValues {
  entity: ObjectType;
  id: string;
  user?: string;
}

/** The question in the address (so it can be linked, reloaded and shared), or null while incomplete. */
function paramsFrom(search: URLSearchParams): ExplainParams | null {
  const entity = search.get('entity');
  const id = search.get('id')?.trim() ?? '';
  const user = search.get('user')?.trim() ?? '';
  if (!RECORD_OBJECT_TYPES.some((type) => type === entity) || !UUID.test(id) || !UUID.test(user)) return null;
  return { entity: entity as ObjectType, id, user };
}

function isFieldAccess(value: unknown): value is FieldAccess {
  return FIELD_ACCESS.some((access) => access === value);
}

/**
 * "Why can this user see this?": pick an object type, a record id and a user; the API answers per action whether
 * the user may act, at which level and why, and the user's access to each field. Never shows the record's values.
 */
export function AccessExplainPanel() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const [form] = Form.useForm<ExplainFormValues>();
  const params = paramsFrom(search);
  const explanation = useAccessExplanation(params);

  function onFinish(values: ExplainFormValues) {
    const next = new URLSearchParams(search);
    next.set('entity', values.entity);
    next.set('id', values.id.trim());
    next.set('user', values.user?.trim() ?? '');
    setSearch(next);
    // The same question again means "has it changed?": ask the API anew.
    if (params && params.entity === values.entity && params.id === values.id.trim() && params.user === values.user?.trim()) void explanation.refetch();
  }

  const uuidRule = (message: string) => ({ required: true, whitespace: true, pattern: UUID, message });

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('explain.intro')}
      </Typography.Paragraph>
      <Form<ExplainFormValues>
        form={form}
        layout="vertical"
        initialValues={{ entity: (params?.entity ?? search.get('entity') ?? 'account') as ObjectType, id: search.get('id') ?? '', user: search.get('user') ?? undefined }}
        onFinish={onFinish}
        data-testid="explain-form"
      >
        <Flex gap={16} wrap align="flex-start">
          <Form.Item name="entity" label={t('explain.entity')} style={{ minWidth: 140 }}>
            <Select options={RECORD_OBJECT_TYPES.map((type) => ({ value: type, label: t(`admin.roles.objects.${type}`) }))} data-testid="explain-entity" />
          </Form.Item>
          <Form.Item name="id" label={t('explain.recordId')} extra={t('explain.recordIdHelp')} rules={[uuidRule(t('explain.validation.recordId'))]} style={{ minWidth: 340 }}>
            <Input placeholder="0190…" data-testid="explain-record-id" />
          </Form.Item>
          <Form.Item name="user" label={t('explain.user')} rules={[{ required: true, message: t('explain.validation.user') }]} style={{ minWidth: 320 }}>
            <UserPicker testId="explain-user" />
          </Form.Item>
          <Form.Item label=" ">
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={explanation.isFetching} data-testid="explain-submit">
              {t('explain.submit')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      {explanation.isError && (
        <Alert
          type="error"
          showIcon
          title={explanation.error instanceof ApiError && explanation.error.status === 404 ? t('explain.errors.noUser') : explanation.error instanceof ApiError ? t('errors.generic') : t('errors.network')}
          data-testid="explain-error"
        />
      )}
      {explanation.data && <ExplanationView explanation={explanation.data} />}
    </Flex>
  );
}

function ExplanationView({ explanation }: { explanation: AccessExplanation }) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const roleName = (key: string) => {
    const role = roles.data?.find((candidate) => candidate.key === key);
    return role ? localizedName(role, i18n.language) : key;
  };

  const actionColumns: TableColumnsType<ActionVerdict> = [
    { key: 'action', title: t('explain.columns.action'), render: (_, verdict) => t(`admin.roles.actions.${verdict.action}`) },
    {
      key: 'allowed',
      title: t('explain.columns.allowed'),
      render: (_, verdict) =>
        verdict.allowed ? (
          <Space size={4} data-testid={`explain-allowed-${verdict.action}`}>
            <CheckCircleTwoTone twoToneColor="#52c41a" />
            {t('explain.allowed')}
          </Space>
        ) : (
          <Space size={4} data-testid={`explain-allowed-${verdict.action}`}>
            <CloseCircleTwoTone twoToneColor="#ff4d4f" />
            {t('explain.denied')}
          </Space>
        ),
    },
    { key: 'level', title: t('explain.columns.level'), render: (_, verdict) => <Tag>{t(`admin.roles.levels.${verdict.level}`)}</Tag> },
    {
      key: 'reasons',
      title: t('explain.columns.reasons'),
      render: (_, verdict) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`explain-reasons-${verdict.action}`}>
          {verdict.reasons.map((reason) => (
            <li key={`${reason.code}:${reason.text}`}>{localizeReason(reason, t, roleName)}</li>
          ))}
        </ul>
      ),
    },
  ];

  const fieldRows = Object.entries(explanation.fields).map(([field, access]) => ({ field, access: isFieldAccess(access) ? access : 'hidden' }));
  const fieldColumns: TableColumnsType<{ field: string; access: FieldAccess }> = [
    { key: 'field', title: t('explain.columns.field'), render: (_, row) => t(fieldLabelKey(row.field as PolicyField)) },
    {
      key: 'access',
      title: t('explain.columns.access'),
      render: (_, row) => (
        <Tag color={ACCESS_COLORS[row.access]} data-testid={`explain-field-${row.field}`}>
          {t(`admin.roles.access.${row.access}`)}
        </Tag>
      ),
    },
  ];

  return (
    <Card size="small" title={t('explain.resultTitle')} data-testid="explain-result">
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
          items={[
            { key: 'user', label: t('explain.user'), children: explanation.email },
            {
              key: 'roles',
              label: t('explain.roles'),
              children: explanation.roles.length ? (
                <Space size={[0, 4]} wrap>
                  {explanation.roles.map((role) => (
                    <Tag key={role}>{roleName(role)}</Tag>
                  ))}
                </Space>
              ) : (
                t('explain.noRoles')
              ),
            },
            { key: 'entity', label: t('explain.entity'), children: t(`admin.roles.objects.${explanation.entity}`) },
            { key: 'record', label: t('explain.recordId'), children: <Typography.Text code>{explanation.recordId}</Typography.Text> },
          ]}
        />
        {!explanation.recordExists && <Alert type="warning" showIcon title={t('explain.recordMissing')} data-testid="explain-record-missing" />}
        <Table<ActionVerdict> rowKey="action" size="small" columns={actionColumns} dataSource={explanation.actions} pagination={false} data-testid="explain-actions" />
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('explain.fieldsTitle')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('explain.fieldsHint')}</Typography.Text>
        <Table rowKey="field" size="small" columns={fieldColumns} dataSource={fieldRows} pagination={false} data-testid="explain-fields" />
      </Flex>
    </Card>
  );
}
