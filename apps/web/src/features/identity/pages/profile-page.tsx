import { ApiOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { localizedName } from '@/lib/localized';
import { useMe } from '../api/get-me';
import { ProfileForm } from '../components/profile-form';

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const { data: user } = useMe();
  const language = i18n.language;

  return (
    <>
      <PageHeader
        title={t('profile.title')}
        extra={
          <Link to="/profile/api-keys">
            <Button icon={<ApiOutlined />} data-testid="profile-api-keys">
              {t('apiKeys.title')}
            </Button>
          </Link>
        }
      />
      {!user ? (
        <Skeleton active />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('profile.account')}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'email', label: t('profile.email'), children: user.email },
                  { key: 'team', label: t('profile.team'), children: user.team ? localizedName(user.team, language) : t('profile.none') },
                  ...(user.partnerAccount
                    ? [{ key: 'partner', label: t('profile.partnerAccount'), children: localizedName(user.partnerAccount, language) }]
                    : []),
                  {
                    key: 'roles',
                    label: t('profile.roles'),
                    children: (
                      <Space size={[0, 4]} wrap>
                        {user.roles.map((role) => (
                          <Tag key={role.key} title={role.description}>
                            {localizedName(role, language)}
                          </Tag>
                        ))}
                      </Space>
                    ),
                  },
                  {
                    key: 'lastLogin',
                    label: t('profile.lastLogin'),
                    children: user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString(language) : t('profile.never'),
                  },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('profile.edit')}>
              <ProfileForm key={user.version} user={user} />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
