import { PlusOutlined, SearchOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Select, Skeleton, Space, Typography } from 'antd';
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
import { useAccounts, type AccountListParams, type AccountSort } from '../api/list-accounts';
import { AccountsTable } from '../components/accounts-table';
import { ExportButton } from '../components/export-button';
import { CreateRecordModal } from '../components/create-record-modal';
import { RecordImportDialog } from '../components/record-import-dialog';
import { GlobalSearch } from '../components/global-search';
import { BulkReassignButton } from '../components/record-list/bulk-reassign-button';
import { ListError } from '../components/record-list/list-error';
import { ListToolbar } from '../components/record-list/list-toolbar';
import { SavedViewsMenu } from '../components/record-list/saved-views-menu';
import { useListView } from '../components/record-list/use-list-view';
import { ACCOUNT_TIERS } from '../utils/record-fields';
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
  const [importing, setImporting] = useState(false);
  const view = useListView<AccountSort>('account');
  const { search, sort, selected } = view;
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);

  const canRead = permissions.canDo('account', 'read');
  // The API searches by name, and refuses a search on a field the caller cannot read in clear.
  const canSearch = isReadable(permissions.fieldAccess('account', 'name'));
  // Managers reassign within their reach; the API checks every account and the new owner.
  const canReassign = permissions.level('account', 'reassign') !== 'none';
  // Saved filters go to the API as they are: one the caller may no longer use is the API's 400 to explain.
  const filters = { ...(view.filters as Partial<AccountListParams>), ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}) };
  const accounts = useAccounts({ limit: PAGE_SIZE, ...filters }, { enabled: permissions.isSuccess && canRead });
  const total = accounts.data?.pages[0]?.total;

  const header = (
    <PageHeader
      title={t('accounts.title')}
      extra={
        <Space>
          {canRead && <ExportButton request={{ objectType: 'account', params: filters }} selected={selected} testId="accounts-export" />}
          <Can objectType="account" action="create">
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="account-import">
              {t('imports.button')}
            </Button>
          </Can>
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
  const filterControls = (
    <>
      {canSearch && (
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('accounts.search')}
          aria-label={t('accounts.search')}
          value={search}
          onChange={(event) => view.setSearch(event.target.value)}
          style={{ maxWidth: 320 }}
          data-testid="accounts-search"
        />
      )}
      {isReadable(permissions.fieldAccess('account', 'region')) && (
        <Input
          allowClear
          placeholder={t('lists.accountFilters.region')}
          aria-label={t('lists.accountFilters.region')}
          value={view.filters.region ?? ''}
          onChange={(event) => view.setFilter('region', event.target.value.trim() || undefined)}
          style={{ maxWidth: 160 }}
          data-testid="accounts-region-filter"
        />
      )}
      {isReadable(permissions.fieldAccess('account', 'tier')) && (
        <Select
          allowClear
          placeholder={t('lists.accountFilters.tier')}
          aria-label={t('records.fields.tier')}
          value={view.filters.tier}
          onChange={(value?: string) => view.setFilter('tier', value)}
          style={{ minWidth: 140 }}
          options={ACCOUNT_TIERS.map((tier) => ({ value: tier, label: t(`records.tiers.${tier}`) }))}
          data-testid="accounts-tier-filter"
        />
      )}
    </>
  );
  return (
    <>
      {header}
      <SalesTabs current="accounts" />
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <GlobalSearch />
      </Flex>
      <Card>
        <Flex vertical gap={16}>
          <ListToolbar
            filters={filterControls}
            activeFilters={Object.keys(view.filters).length + (q ? 1 : 0)}
            views={<SavedViewsMenu view={view} q={canSearch ? q : ''} />}
            actions={canReassign ? <BulkReassignButton objectType="account" selected={selected} onDone={() => view.setSelected([])} testId="accounts-reassign" /> : undefined}
            summary={
              total !== undefined && (
                <Typography.Text type="secondary" data-testid="accounts-total">
                  {t('accounts.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
                </Typography.Text>
              )
            }
          />
          <ListError error={accounts.error} onClearFilters={view.clearFilters} />
          <AccountsTable
            accounts={rows}
            loading={accounts.isPending || (accounts.isFetching && !accounts.isFetchingNextPage)}
            access={(field) => permissions.fieldAccess('account', field)}
            sort={sort}
            onSortChange={view.setSort}
            visibleColumns={view.columns}
            onVisibleColumnsChange={view.setColumns}
            hasMore={accounts.hasNextPage}
            loadingMore={accounts.isFetchingNextPage}
            onLoadMore={() => void accounts.fetchNextPage()}
            loadMoreTestId="accounts-load-more"
            loadMoreLabel={t('accounts.loadMore')}
            // Picked rows are exported (everyone who reads) or reassigned (who may).
            selected={selected}
            onSelectedChange={view.setSelected}
          />
        </Flex>
      </Card>
      {importing && <RecordImportDialog kind="account" onClose={() => setImporting(false)} />}
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
