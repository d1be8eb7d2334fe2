import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '@/components/ui/module-placeholder';
import { AnalyticsTabs } from '../components/analytics-tabs';

export function AnalyticsPage() {
  const { t } = useTranslation();
  return (
    <>
      <AnalyticsTabs current="overview" />
      <ModulePlaceholder title={t('nav.analytics')} description={t('modules.analytics')} icon={<BarChartOutlined />} />
    </>
  );
}
