import { Alert, App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { localizedName } from '@/lib/localized';
import { TEAM_KINDS, useCreateTeam, type Team, type TeamKind } from '../api/teams';

interface TeamFormValues {
  parentId?: string;
  code: string;
  name: string;
  nameEn: string;
  kind: TeamKind;
}

const FIELDS = ['parentId', 'code', 'name', 'nameEn', 'kind'] as const;

/** Creates a team under a parent chosen from the existing ones. */
export function TeamFormModal({ teams, onClose }: { teams: readonly Team[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TeamFormValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const createTeam = useCreateTeam();

  function onFinish(values: TeamFormValues) {
    setAlert(null);
    createTeam.mutate(
      {
        code: values.code.trim(),
        name: values.name.trim(),
        nameEn: values.nameEn.trim(),
        kind: values.kind,
        ...(values.parentId ? { parentId: values.parentId } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('admin.teams.created'));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 403) return setAlert(t('admin.users.errors.forbidden'));
          const unmatched = applyFieldErrors(form, error, FIELDS);
          if (unmatched.length > 0 || !(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) {
            setAlert(unmatched.join(' ') || t('errors.generic'));
          }
        },
      },
    );
  }

  // Teams sorted by path list every parent before its children; the depth indents the option.
  const parentOptions = [...teams]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((team) => {
      const depth = Math.max(0, team.path.split('/').filter(Boolean).length - 1);
      return { value: team.id, label: `${'\u3000'.repeat(depth)}${localizedName(team, i18n.language)} (${team.code})` };
    });

  return (
    <Modal open title={t('admin.teams.form.title')} onCancel={onClose} footer={null} maskClosable={!createTeam.isPending}>
      <Form<TeamFormValues> form={form} layout="vertical" onFinish={onFinish} disabled={createTeam.isPending} initialValues={{ kind: 'group' }} data-testid="team-form">
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} />}
        <Form.Item name="parentId" label={t('admin.teams.form.parent')} extra={t('admin.teams.form.parentHelp')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={parentOptions} data-testid="team-form-parent" />
        </Form.Item>
        <Form.Item name="code" label={t('admin.teams.form.code')} rules={[{ required: true, whitespace: true, max: 50, message: t('admin.teams.validation.codeRequired') }]}>
          <Input data-testid="team-form-code" />
        </Form.Item>
        <Form.Item name="name" label={t('admin.teams.form.name')} rules={[{ required: true, whitespace: true, max: 200, message: t('admin.teams.validation.nameRequired') }]}>
          <Input data-testid="team-form-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.teams.form.nameEn')} rules={[{ required: true, whitespace: true, max: 200, message: t('admin.teams.validation.nameEnRequired') }]}>
          <Input data-testid="team-form-name-en" />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.teams.form.kind')} rules={[{ required: true, message: t('admin.teams.validation.kindRequired') }]}>
          <Select options={TEAM_KINDS.map((kind) => ({ value: kind, label: t(`admin.teams.kinds.${kind}`) }))} />
        </Form.Item>
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('admin.teams.form.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={createTeam.isPending} data-testid="team-form-submit">
            {t('admin.teams.form.create')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
