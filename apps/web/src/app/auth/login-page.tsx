import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, type Location } from 'react-router';
import { FullPageSpinner } from '@/components/ui/full-page-spinner';
import { ApiError, type LoginBody } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { LanguageSwitch } from '../i18n/language-switch';
import { useAuth } from './auth-context';

const FIELDS = ['email', 'password'] as const;

/** The server's problem as a sentence in the UI language; its English `detail` is for logs, not for users. */
function loginErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.network');
  if (error.status === 401) return t('login.errors.invalidCredentials');
  if (error.status === 429) {
    return error.retryAfterSeconds ? t('login.errors.tooManyAttempts', { count: error.retryAfterSeconds }) : t('login.errors.tooManyAttemptsLater');
  }
  return t('login.errors.failed');
}

export function LoginPage() {
  const { t } = useTranslation();
  const { status, login } = useAuth();
  const location = useLocation();
  const [form] = Form.useForm<LoginBody>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (status === 'restoring') return <FullPageSpinner />;
  if (status === 'signedIn') {
    const from = (location.state as { from?: Location } | null)?.from;
    return <Navigate to={from ? `${from.pathname}${from.search}` : '/'} replace />;
  }

  async function onFinish(values: LoginBody) {
    setSubmitting(true);
    setError(null);
    try {
      await login(values);
    } catch (caught) {
      const unmatched = applyFieldErrors(form, caught, FIELDS);
      const hasFieldErrors = caught instanceof ApiError && Object.keys(caught.fieldErrors).length > unmatched.length;
      if (!hasFieldErrors) setError(loginErrorMessage(caught, t));
      setSubmitting(false);
    }
  }

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f2f5' }}>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('app.name')}</Typography.Text>
          <LanguageSwitch />
        </Flex>
        <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }} data-testid="page-title">
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />}
        <Form<LoginBody> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, message: t('login.validation.emailRequired') },
              { type: 'email', message: t('login.validation.emailInvalid') },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus data-testid="login-email" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.validation.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
