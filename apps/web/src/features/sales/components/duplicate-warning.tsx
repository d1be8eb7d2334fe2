import { Alert, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AccountDuplicate } from '../api/account-extras';

/** The accounts a new one may duplicate, each a link to open instead; shown while the user types. */
export function DuplicateWarning({ duplicates }: { duplicates: AccountDuplicate[] }) {
  const { t } = useTranslation();
  if (duplicates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('accounts.duplicates.title')}
      data-testid="account-duplicates"
      description={
        <>
          <List
            size="small"
            dataSource={duplicates}
            renderItem={(duplicate) => (
              <List.Item key={duplicate.id}>
                <Link to={`/sales/accounts/${duplicate.id}`} target="_blank" data-testid="account-duplicate-link">
                  {duplicate.name}
                </Link>
                <Typography.Text type="secondary">
                  {t('accounts.duplicates.matchedOn', { fields: duplicate.matchedOn.map((field) => t(`accounts.duplicates.fields.${field as 'name' | 'phone' | 'email'}`)).join(' / ') })}
                </Typography.Text>
              </List.Item>
            )}
          />
          <Typography.Text type="secondary">{t('accounts.duplicates.hint')}</Typography.Text>
        </>
      }
    />
  );
}
