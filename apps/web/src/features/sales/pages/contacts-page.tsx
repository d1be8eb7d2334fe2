import { SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import type { ContactSort } from '../api/list-account-contacts';
import { useContacts, type ContactListParams } from '../api/list-contacts';
import { ContactsTable } from '../components/contacts-table';
import { ExportButton } from '../components/export-button';
import { ListError } from '../components/record-list/list-error';
import { ListToolbar } from '../components/record-list/list-toolbar';
import { SavedViewsMenu } from '../components/record-list/saved-views-menu';
import { useListView } from '../components/record-list/use-list-view';
import { SalesTabs } from '../components/sales-tabs';

const PAGE_SIZE = 50;

/**
 * `/sales/contacts`: every contact the caller may see, across accounts — search, header sorting, chosen columns,
 * saved views, and a CSV export of the list as filtered or of the picked rows. New contacts are made on an account.
 */
export function ContactsPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const view = useListView<ContactSort>('contact');
  const { search, sort, selected } = view;
  const q = useDebouncedValue(search.trim(), 300);
  const canRead = permissions.canDo('contact', 'read');
  // The API searches by name, and refuses a search on a field the caller cannot read in clear.
  const canSearch = isReadable(permissions.fieldAccess('contact', 'name'));
  // Saved filters go to the API as they are: one the caller may no longer use is the API's 400 to explain.
  const filters = { ...(view.filters as Partial<ContactListParams>), ...(sort ? { sort } : {}), ...(canSearch && q ? { q } : {}) };
  const contacts = useContacts({ limit: PAGE_SIZE, ...filters }, { enabled: permissions.isSuccess && canRead });
  const total = contacts.data?.pages[0]?.total;
  const header = <PageHeader title={t('contacts.title')} extra={canRead ? <ExportButton request={{ objectType: 'contact', params: filters }} selected={selected} testId="contacts-export" /> : undefined} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('contacts.noAccess.title')} subTitle={t('contacts.noAccess.subTitle')} data-testid="contacts-no-access" />
        </Card>
      </>
    );
  }

  const rows = contacts.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      {header}
      <SalesTabs current="contacts" />
      <Card>
        <Flex vertical gap={16}>
          <ListToolbar
            filters={
              canSearch && (
                <Input
                  allowClear
                  prefix={<SearchOutlined />}
                  placeholder={t('contacts.search')}
                  aria-label={t('contacts.search')}
                  value={search}
                  onChange={(event) => view.setSearch(event.target.value)}
                  style={{ maxWidth: 320 }}
                  data-testid="contacts-search"
                />
              )
            }
            activeFilters={Object.keys(view.filters).length + (q ? 1 : 0)}
            views={<SavedViewsMenu view={view} q={canSearch ? q : ''} />}
            summary={
              total !== undefined && (
                <Typography.Text type="secondary" data-testid="contacts-total">
                  {t('contacts.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
                </Typography.Text>
              )
            }
          />
          <ListError error={contacts.error} onClearFilters={view.clearFilters} />
          <ContactsTable
            contacts={rows}
            loading={contacts.isPending || (contacts.isFetching && !contacts.isFetchingNextPage)}
            access={(field) => permissions.fieldAccess('contact', field)}
            standalone={{ sort, onSortChange: view.setSort }}
            visibleColumns={view.columns}
            onVisibleColumnsChange={view.setColumns}
            hasMore={contacts.hasNextPage}
            loadingMore={contacts.isFetchingNextPage}
            onLoadMore={() => void contacts.fetchNextPage()}
            loadMoreTestId="contacts-load-more"
            loadMoreLabel={t('contacts.loadMore')}
            selected={selected}
            onSelectedChange={view.setSelected}
          />
        </Flex>
      </Card>
    </>
  );
}
