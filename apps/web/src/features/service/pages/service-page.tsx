import { CustomerServiceOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '@/components/ui/module-placeholder';

export function ServicePage() {
  const { t } = useTranslation();
  return <ModulePlaceholder title={t('nav.service')} description={t('modules.service')} icon={<CustomerServiceOutlined />} />;
}
