import { Badge, Card, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { useRoleGrantRequests } from '../api/role-grants';
import { AccessExplainPanel } from '../components/access-explain-panel';
import { ApiKeysTab } from '../components/api-keys-tab';
import { RoleGrantsTab } from '../components/role-grants-tab';
import { RolesTab } from '../components/roles-tab';
import { TeamsTab } from '../components/teams-tab';
import { UsersTab } from '../components/users-tab';

const TABS = ['users', 'teams', 'roles', 'approvals', 'apiKeys', 'explain'] as const;
type AdminTab = (typeof TABS)[number];

function isTab(value: string | null): value is AdminTab {
  return TABS.some((tab) => tab === value);
}

/**
 * System administration (system_admin only; the router and the API both enforce it): users, teams, role
 * permissions, role changes waiting for a second administrator, everyone's API keys, and why a user can or cannot
 * see a record. The tab is in the address (`?tab=`), so it can be linked.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab');
  const active: AdminTab = isTab(tab) ? tab : 'users';
  // The same query as the Approvals tab's first page: the count costs nothing more once the tab is opened.
  const pending = useRoleGrantRequests('pending');
  const firstPage = pending.data?.pages[0];
  const pendingCount = firstPage ? `${firstPage.data.length}${firstPage.nextCursor ? '+' : ''}` : '';

  return (
    <>
      <PageHeader title={t('admin.title')} />
      <Card>
        <Tabs
          destroyOnHidden
          activeKey={active}
          onChange={(key) => setSearch(key === 'users' ? {} : { tab: key })}
          items={[
            { key: 'users', label: t('admin.tabs.users'), children: <UsersTab /> },
            { key: 'teams', label: t('admin.tabs.teams'), children: <TeamsTab /> },
            { key: 'roles', label: t('admin.tabs.roles'), children: <RolesTab /> },
            {
              key: 'approvals',
              label: (
                <Space size={6}>
                  {t('admin.tabs.approvals')}
                  {firstPage && firstPage.data.length > 0 && <Badge count={pendingCount} color="gold" data-testid="approvals-pending-count" />}
                </Space>
              ),
              children: <RoleGrantsTab />,
            },
            { key: 'apiKeys', label: t('admin.tabs.apiKeys'), children: <ApiKeysTab /> },
            { key: 'explain', label: t('admin.tabs.explain'), children: <AccessExplainPanel /> },
          ]}
        />
      </Card>
    </>
  );
}
