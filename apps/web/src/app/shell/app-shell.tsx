import { AppstoreOutlined, AuditOutlined, BarChartOutlined, CustomerServiceOutlined, DesktopOutlined, NotificationOutlined, RiseOutlined, SettingOutlined } from '@ant-design/icons';
import { Flex, Grid, Layout, Menu, Space, theme, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../i18n/language-switch';
import { useVisibleSections, type Section } from './sections';
import { UserMenu } from './user-menu';

const ICONS: Record<Section, ReactNode> = {
  desk: <DesktopOutlined />,
  sales: <RiseOutlined />,
  products: <AppstoreOutlined />,
  marketing: <NotificationOutlined />,
  service: <CustomerServiceOutlined />,
  analytics: <BarChartOutlined />,
  audit: <AuditOutlined />,
  admin: <SettingOutlined />,
};

/** The signed-in frame: module menu on the side, language and user on top, the page in between. */
export function AppShell() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();

  // Only modules the caller can do something in (see useVisibleSections); the profile is in the user menu.
  const { sections } = useVisibleSections();
  const items: MenuProps['items'] = sections.map((key) => ({
    key,
    icon: ICONS[key],
    label: (
      <Link to={`/${key}`} data-testid={`nav-${key}`}>
        {t(`nav.${key}`)}
      </Link>
    ),
  }));
  const selected = pathname.split('/')[1] ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Collapsed to icons below lg; on a phone to nothing (antd then shows a small tab to open it), so pages keep the width. */}
      <Layout.Sider breakpoint="lg" collapsible width={200} collapsedWidth={screens.md === false ? 0 : 80}>
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
