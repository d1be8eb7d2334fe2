import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { RolesTab } from '../components/roles-tab';
import { TeamsTab } from '../components/teams-tab';
import { UsersTab } from '../components/users-tab';

/** System administration (system_admin only; the router and the API both enforce it): users, teams, and role permissions. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('admin.title')} />
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'users', label: t('admin.tabs.users'), children: <UsersTab /> },
            { key: 'teams', label: t('admin.tabs.teams'), children: <TeamsTab /> },
            { key: 'roles', label: t('admin.tabs.roles'), children: <RolesTab /> },
          ]}
        />
      </Card>
    </>
  );
}
