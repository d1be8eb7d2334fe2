import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '@/components/ui/module-placeholder';

export function AdminPage() {
  const { t } = useTranslation();
  return <ModulePlaceholder title={t('nav.admin')} description={t('modules.admin')} icon={<SettingOutlined />} />;
}
