import { BarChartOutlined, CustomerServiceOutlined, NotificationOutlined, RiseOutlined, SettingOutlined } from '@ant-design/icons';
import { Flex, Layout, Menu, Space, theme, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '@/features/identity/api/get-me';
import { hasRole } from '../auth/require-role';
import { LanguageSwitch } from '../i18n/language-switch';
import { UserMenu } from './user-menu';

type Section = 'sales' | 'marketing' | 'service' | 'analytics' | 'admin';

const SECTIONS: { key: Section; icon: ReactNode }[] = [
  { key: 'sales', icon: <RiseOutlined /> },
  { key: 'marketing', icon: <NotificationOutlined /> },
  { key: 'service', icon: <CustomerServiceOutlined /> },
  { key: 'analytics', icon: <BarChartOutlined /> },
  { key: 'admin', icon: <SettingOutlined /> },
];

/** The signed-in frame: module menu on the side, language and user on top, the page in between. */
export function AppShell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { data: user } = useMe();
  const { pathname } = useLocation();

  // Administration is the system administrator's alone (separation of duties); others never see the entry.
  const visible = SECTIONS.filter(({ key }) => key !== 'admin' || hasRole(user, 'system_admin'));
  const items: MenuProps['items'] = visible.map(({ key, icon }) => ({
    key,
    icon,
    label: (
      <Link to={`/${key}`} data-testid={`nav-${key}`}>
        {t(`nav.${key}`)}
      </Link>
    ),
  }));
  const selected = pathname.split('/')[1] ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsible width={200}>
        <Flex align="center" style={{ height: 48, paddingInline: 24 }}>
          <Typography.Text strong ellipsis style={{ color: token.colorTextLightSolid }}>
            {t('app.name')}
          </Typography.Text>
        </Flex>
        <nav aria-label={t('nav.label')}>
          <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: 16,
            height: 48,
            lineHeight: '48px',
          }}
        >
          <Flex align="center" justify="flex-end" style={{ height: '100%' }}>
            <Space size="middle">
              <LanguageSwitch />
              <UserMenu />
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
