import { SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useAccounts, type AccountSort } from '../api/list-accounts';
import { AccountsTable } from '../components/accounts-table';

const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZE = 50;

/** The sales module's home: the accounts the caller may see, shaped by their field permissions. */
export function SalesPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<AccountSort | undefined>(undefined);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);

  const canRead = permissions.canDo('account', 'read');
  // The API searches by name, and refuses a search on a field the caller cannot read in clear.
  const canSearch = isReadable(permissions.fieldAccess('account', 'name'));
  const accounts = useAccounts({ limit: PAGE_SIZE, ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}) }, { enabled: permissions.isSuccess && canRead });

  const header = <PageHeader title={t('accounts.title')} />;

  if (permissions.isPending) {
    return (
      <>
        {header}
        <Skeleton active />
      </>
    );
  }

  const loadError = permissions.error ?? accounts.error;
  if (permissions.isError) {
    return (
      <>
        {header}
        <Alert type="error" showIcon title={loadError instanceof ApiError ? t('errors.generic') : t('errors.network')} />
      </>
    );
  }

  if (!canRead) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('accounts.noAccess.title')} subTitle={t('accounts.noAccess.subTitle')} data-testid="accounts-no-access" />
        </Card>
      </>
    );
  }

  const rows = accounts.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      {header}
      <Card>
        <Flex vertical gap={16}>
          {canSearch && (
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('accounts.search')}
              aria-label={t('accounts.search')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              style={{ maxWidth: 320 }}
              data-testid="accounts-search"
            />
          )}
          {accounts.isError && <Alert type="error" showIcon title={loadError instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          <AccountsTable
            accounts={rows}
            loading={accounts.isPending || (accounts.isFetching && !accounts.isFetchingNextPage)}
            access={(field) => permissions.fieldAccess('account', field)}
            sort={sort}
            onSortChange={setSort}
          />
          {accounts.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void accounts.fetchNextPage()} loading={accounts.isFetchingNextPage} data-testid="accounts-load-more">
                {t('accounts.loadMore')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </>
  );
}
