import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '@/components/ui/module-placeholder';

export function AnalyticsPage() {
  const { t } = useTranslation();
  return <ModulePlaceholder title={t('nav.analytics')} description={t('modules.analytics')} icon={<BarChartOutlined />} />;
}
