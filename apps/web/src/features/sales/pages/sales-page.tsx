import { PlusOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Can } from '@/components/can';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useSessionUser } from '@/lib/session';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useCreateAccount, type CreateAccountBody } from '../api/create-account';
import { useAccounts, type AccountSort } from '../api/list-accounts';
import { AccountsTable } from '../components/accounts-table';
import { ExportButton } from '../components/export-button';
import { CreateRecordModal } from '../components/create-record-modal';
import { GlobalSearch } from '../components/global-search';
import { SalesTabs } from '../components/sales-tabs';

const SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZE = 50;

/** The sales module's home: the accounts the caller may see, shaped by their field permissions; new accounts. */
export function SalesPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const me = useSessionUser();
  const createAccount = useCreateAccount();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<AccountSort | undefined>(undefined);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);

  const canRead = permissions.canDo('account', 'read');
  // The API searches by name, and refuses a search on a field the caller cannot read in clear.
  const canSearch = isReadable(permissions.fieldAccess('account', 'name'));
  const filters = { ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}) };
  const accounts = useAccounts({ limit: PAGE_SIZE, ...filters }, { enabled: permissions.isSuccess && canRead });
  const total = accounts.data?.pages[0]?.total;

  const header = (
    <PageHeader
      title={t('accounts.title')}
      extra={
        <Space>
          {canRead && <ExportButton request={{ objectType: 'account', params: filters }} testId="accounts-export" />}
          <Can objectType="account" action="create">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-new">
              {t('records.actions.newAccount')}
            </Button>
          </Can>
        </Space>
      }
    />
  );

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
      <SalesTabs current="accounts" />
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <GlobalSearch />
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            {canSearch ? (
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
            ) : (
              <span />
            )}
            {total !== undefined && (
              <Typography.Text type="secondary" data-testid="accounts-total">
                {t('accounts.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
              </Typography.Text>
            )}
          </Flex>
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
      {creating && (
        <CreateRecordModal
          objectType="account"
          access={(field) => permissions.fieldAccess('account', field)}
          // The form sends only fields of the account form, so the generic body is a CreateAccountDto.
          create={(body) => createAccount.mutateAsync(body as CreateAccountBody)}
          onCreated={(id) => void navigate(`/sales/accounts/${id}`)}
          onClose={() => setCreating(false)}
          facts={[{ key: 'owner', label: t('records.fields.ownerId'), children: <UserName id={me?.id} /> }]}
        />
      )}
    </>
  );
}
