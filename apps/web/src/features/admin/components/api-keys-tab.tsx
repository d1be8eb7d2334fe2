import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiKeysTable } from '@/components/api-keys-table';
import { UserPicker } from '@/components/user-picker';
import { ApiError } from '@/lib/api';
import { useApiKeys, useRevokeApiKey } from '../api/api-keys';

const PAGE_SIZE = 50;

/**
 * Oversight of every user's API keys: who holds which, when each was last used, and revoking any of them. There is no
 * "new key" here on purpose: only a user makes their own keys (an administrator must not act with someone's rights).
 */
export function ApiKeysTab() {
  const { t } = useTranslation();
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const keys = useApiKeys({ limit: PAGE_SIZE, ...(userId ? { userId } : {}) });
  const revoke = useRevokeApiKey();

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('admin.apiKeys.intro')}
      </Typography.Paragraph>
      <UserPicker value={userId} onChange={setUserId} placeholder={t('admin.apiKeys.filterByUser')} style={{ maxWidth: 360 }} testId="admin-api-keys-user" />
      {keys.isError && <Alert type="error" showIcon title={keys.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
      <ApiKeysTable
        keys={keys.data?.pages.flatMap((page) => page.data) ?? []}
        loading={keys.isPending || (keys.isFetching && !keys.isFetchingNextPage)}
        onRevoke={(key) => revoke.mutateAsync(key.id)}
        showUser
        testId="admin-api-keys-table"
      />
      {keys.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void keys.fetchNextPage()} loading={keys.isFetchingNextPage} data-testid="admin-api-keys-load-more">
            {t('apiKeys.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
