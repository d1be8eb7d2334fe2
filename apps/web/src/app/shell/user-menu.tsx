import { ApiOutlined, DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '@/features/identity/api/get-me';
import { localizedName } from '@/lib/localized';
import { useAuth } from '../auth/auth-context';

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const { data: user } = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('userMenu.profile') },
    { key: 'password', icon: <KeyOutlined />, label: t('userMenu.changePassword') },
    { key: 'apiKeys', icon: <ApiOutlined />, label: <span data-testid="user-menu-api-keys">{t('userMenu.apiKeys')}</span> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('userMenu.logout')}</span> },
  ];

  async function onClick({ key }: { key: string }) {
    if (key === 'profile') return navigate('/profile');
    if (key === 'password') return navigate('/profile/password');
    if (key === 'apiKeys') return navigate('/profile/api-keys');
    await logout();
    await navigate('/login', { replace: true });
  }

  return (
    <Dropdown trigger={['click']} menu={{ items, onClick: (info) => void onClick(info) }}>
      <Button type="text" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} />
        {user ? localizedName(user, i18n.language) : null}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
