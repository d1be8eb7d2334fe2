import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { useChangePassword } from '../api/change-password';
import { localizePasswordError } from '../utils/password-messages';
import { NewPasswordFields } from '../components/new-password-fields';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const SERVER_FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const changePassword = useChangePassword();

  function onFinish({ currentPassword, newPassword }: ChangePasswordValues) {
    setAlert(null);
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('password.changed'));
        },
        onError: (error) => {
          const unmatched = applyFieldErrors(form, error, SERVER_FIELDS, (field, message) => localizePasswordError(t, field, message));
          const mapped = error instanceof ApiError && Object.keys(error.fieldErrors).length > unmatched.length;
          if (!mapped) setAlert(error instanceof ApiError ? t('errors.generic') : t('errors.network'));
          else if (unmatched.length > 0) setAlert(unmatched.join(' '));
        },
      },
    );
  }

  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 520 }}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} role="alert" />}
        <Form<ChangePasswordValues> form={form} layout="vertical" onFinish={onFinish} disabled={changePassword.isPending}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.validation.currentRequired') }]}>
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <NewPasswordFields />
          <Button type="primary" htmlType="submit" loading={changePassword.isPending} data-testid="change-password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
