import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePermissions } from '@/lib/permissions';

type Tab = 'overview' | 'customers' | 'ahp';

const PATHS: Record<Tab, string> = { overview: '/analytics', customers: '/analytics/customers', ahp: '/analytics/ahp' };

/** The analytics module's pages; the customer dashboards for analytics readers, the AHP workspace for who may read AHP models. */
export function AnalyticsTabs({ current }: { current: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const tabs: Tab[] = [
    'overview',
    ...(permissions.canDo('analytics', 'read') ? (['customers'] as const) : []),
    ...(permissions.canDo('ahp_model', 'read') ? (['ahp'] as const) : []),
  ];
  if (tabs.length < 2) return null;
  return (
    <Segmented<Tab>
      value={current}
      options={tabs.map((tab) => ({ value: tab, label: <span data-testid={`analytics-tab-${tab}`}>{t(`ahp.tabs.${tab}`)}</span> }))}
      onChange={(tab) => void navigate(PATHS[tab])}
      style={{ marginBottom: 16 }}
    />
  );
}
