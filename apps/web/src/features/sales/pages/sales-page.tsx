import { RiseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '@/components/ui/module-placeholder';

export function SalesPage() {
  const { t } = useTranslation();
  return <ModulePlaceholder title={t('nav.sales')} description={t('modules.sales')} icon={<RiseOutlined />} />;
}
