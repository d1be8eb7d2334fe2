import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ApiKeySecretModalProps {
  name: string;
  secret: string;
  onClose: () => void;
}

/**
 * Shows a new key's secret, the one time it exists outside the caller's own systems: with a copy button and a plain
 * warning. Clicking beside it does not close it, so the secret is not lost by accident.
 */
export function ApiKeySecretModal({ name, secret, onClose }: ApiKeySecretModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('apiKeys.secret.title', { name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-secret-done">
          {t('apiKeys.secret.done')}
        </Button>
      }
      width={640}
      data-testid="api-key-secret-modal"
    >
      <Flex vertical gap={16}>
        <Alert type="warning" showIcon title={t('apiKeys.secret.warningTitle')} description={t('apiKeys.secret.warning')} />
        <Typography.Paragraph
          code
          copyable={{ text: secret, tooltips: [t('apiKeys.secret.copy'), t('apiKeys.secret.copied')] }}
          style={{ margin: 0, wordBreak: 'break-all', fontSize: 14 }}
          data-testid="api-key-secret"
        >
          {secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t('apiKeys.secret.usage')} <Typography.Text code>X-API-Key: {secret.slice(0, secret.lastIndexOf('_') + 1)}…</Typography.Text>
        </Typography.Text>
      </Flex>
    </Modal>
  );
}
