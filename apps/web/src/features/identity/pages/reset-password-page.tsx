import { Alert, Button, Card, Flex, Form, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { useResetPassword } from '../api/reset-password';
import { localizePasswordError } from '../utils/password-messages';
import { NewPasswordFields } from '../components/new-password-fields';

interface ResetPasswordValues {
  newPassword: string;
  confirmPassword: string;
}

/** The token travels in the fragment (`#token=…`), so it never reaches server logs or Referer headers. */
function tokenFromHash(): string | null {
  return new URLSearchParams(window.location.hash.slice(1)).get('token');
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [token] = useState(tokenFromHash);

  // Read once, then dropped from the address bar so the one-time token does not linger in the history.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);
  const [form] = Form.useForm<ResetPasswordValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const resetPassword = useResetPassword();

  function onFinish({ newPassword }: ResetPasswordValues) {
    if (!token) return;
    setAlert(null);
    resetPassword.mutate(
      { token, newPassword },
      {
        onError: (error) => {
          applyFieldErrors(form, error, ['newPassword'], (field, message) => localizePasswordError(t, field, message));
          if (!(error instanceof ApiError)) return setAlert(t('errors.network'));
          if (!error.fieldErrors.newPassword) setAlert(error.status < 500 ? t('resetPassword.invalidToken') : t('errors.generic'));
        },
      },
    );
  }

  const backToLogin = (
    <Button type="primary" onClick={() => void navigate('/login')}>
      {t('resetPassword.backToLogin')}
    </Button>
  );

  let content;
  if (!token) {
    content = <Result status="warning" title={t('resetPassword.missingToken.title')} subTitle={t('resetPassword.missingToken.subTitle')} extra={backToLogin} />;
  } else if (resetPassword.isSuccess) {
    content = <Result status="success" title={t('resetPassword.done.title')} subTitle={t('resetPassword.done.subTitle')} extra={backToLogin} />;
  } else {
    content = (
      <>
        <Typography.Paragraph type="secondary">{t('resetPassword.subtitle')}</Typography.Paragraph>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 16 }} role="alert" />}
        <Form<ResetPasswordValues> form={form} layout="vertical" onFinish={onFinish} disabled={resetPassword.isPending}>
          <NewPasswordFields />
          <Button type="primary" htmlType="submit" block loading={resetPassword.isPending}>
            {t('resetPassword.submit')}
          </Button>
        </Form>
      </>
    );
  }

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: 420, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="page-title">
          {t('resetPassword.title')}
        </Typography.Title>
        {content}
      </Card>
    </Flex>
  );
}
