import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { AccessExplainPanel } from '../components/access-explain-panel';
import { RolesTab } from '../components/roles-tab';
import { TeamsTab } from '../components/teams-tab';
import { UsersTab } from '../components/users-tab';

const TABS = ['users', 'teams', 'roles', 'explain'] as const;
type AdminTab = (typeof TABS)[number];

function isTab(value: string | null): value is AdminTab {
  return TABS.some((tab) => tab === value);
}

/**
 * System administration (system_admin only; the router and the API both enforce it): users, teams, role
 * permissions, and why a user can or cannot see a record. The tab is in the address (`?tab=`), so it can be linked.
 */
export function AdminPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab');
  const active: AdminTab = isTab(tab) ? tab : 'users';

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
            { key: 'explain', label: t('admin.tabs.explain'), children: <AccessExplainPanel /> },
          ]}
        />
      </Card>
    </>
  );
}
