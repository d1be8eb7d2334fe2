import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePermissions } from '@/lib/permissions';

type Tab = 'accounts' | 'leads' | 'opportunities' | 'board';

const PATHS: Record<Tab, string> = { accounts: '/sales', leads: '/sales/leads', opportunities: '/sales/opportunities', board: '/sales/opportunities/board' };

/** The sales module's lists: accounts, leads, opportunities and their board, each shown only to who may read it. */
export function SalesTabs({ current }: { current: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const tabs: Tab[] = [
    ...(permissions.canDo('account', 'read') ? (['accounts'] as const) : []),
    ...(permissions.canDo('lead', 'read') ? (['leads'] as const) : []),
    ...(permissions.canDo('opportunity', 'read') ? (['opportunities', 'board'] as const) : []),
  ];
  if (tabs.length < 2) return null;
  const labels: Record<Tab, string> = { accounts: t('accounts.title'), leads: t('leads.title'), opportunities: t('opportunities.title'), board: t('opportunities.board') };
  return (
    <Segmented<Tab>
      value={current}
      options={tabs.map((tab) => ({ value: tab, label: <span data-testid={`sales-tab-${tab}`}>{labels[tab]}</span> }))}
      onChange={(tab) => void navigate(PATHS[tab])}
      style={{ marginBottom: 16 }}
    />
  );
}
