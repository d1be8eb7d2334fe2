import { NotificationOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '@/components/ui/module-placeholder';

export function MarketingPage() {
  const { t } = useTranslation();
  return <ModulePlaceholder title={t('nav.marketing')} description={t('modules.marketing')} icon={<NotificationOutlined />} />;
}
