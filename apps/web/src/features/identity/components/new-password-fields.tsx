import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The password policy's length bounds; the API also refuses common passwords and the user's email. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** "New password" and "confirm" fields, shared by change-password and reset-password. */
export function NewPasswordFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        extra={t('password.newHelp')}
        rules={[
          { required: true, message: t('password.validation.newRequired') },
          { min: PASSWORD_MIN, max: PASSWORD_MAX, message: t('password.validation.length') },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.validation.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: unknown) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.validation.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
    </>
  );
}
