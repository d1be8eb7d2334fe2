import { PlusOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiKeysTable } from '@/components/api-keys-table';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { useMyApiKeys, useRevokeMyApiKey } from '../api/api-keys';
import { ApiKeySecretModal } from '../components/api-key-secret-modal';
import { CreateApiKeyModal } from '../components/create-api-key-modal';

/**
 * `/profile/api-keys`: the signed-in user's API keys, for programs that use the API as them (an ERP, a web shop).
 * Make one (its secret is shown once), see when each was last used, revoke one.
 */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const keys = useMyApiKeys();
  const revoke = useRevokeMyApiKey();
  const [creating, setCreating] = useState(false);
  // The new key's secret lives here, and only until its dialog closes.
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/profile">{t('profile.title')}</Link> }, { title: t('apiKeys.title') }]} />
      <PageHeader
        title={t('apiKeys.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-new">
            {t('apiKeys.new')}
          </Button>
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('apiKeys.intro')}
          </Typography.Paragraph>
          {keys.isError && <Alert type="error" showIcon title={keys.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          <ApiKeysTable keys={keys.data?.pages.flatMap((page) => page.data) ?? []} loading={keys.isPending} onRevoke={(key) => revoke.mutateAsync(key.id)} />
          {keys.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void keys.fetchNextPage()} loading={keys.isFetchingNextPage}>
                {t('apiKeys.loadMore')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
      {creating && (
        <CreateApiKeyModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated({ name: key.name, secret: key.secret });
          }}
        />
      )}
      {created && <ApiKeySecretModal name={created.name} secret={created.secret} onClose={() => setCreated(null)} />}
    </>
  );
}
