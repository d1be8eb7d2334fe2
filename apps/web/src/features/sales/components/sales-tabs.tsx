import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePermissions } from '@/lib/permissions';
import { RECYCLABLE_TYPES } from '../api/recycle-bin';
import { useReadsSalesReports } from '../api/reports';
import { useReadsReceivables } from './account-receivables-card';

type Tab = 'accounts' | 'contacts' | 'leads' | 'opportunities' | 'board' | 'quotes' | 'orders' | 'receivables' | 'reports' | 'activities' | 'recycleBin';

const PATHS: Record<Tab, string> = {
  accounts: '/sales',
  contacts: '/sales/contacts',
  leads: '/sales/leads',
  opportunities: '/sales/opportunities',
  board: '/sales/opportunities/board',
  quotes: '/sales/quotes',
  orders: '/sales/orders',
  receivables: '/sales/receivables',
  reports: '/sales/reports',
  activities: '/sales/activities',
  recycleBin: '/sales/recycle-bin',
};

/** The sales module's lists: accounts, contacts, leads, opportunities, their board, quotes, orders, receivables, reports, activities and the recycle bin, each shown only to who may use it. */
export function SalesTabs({ current }: { current: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const readsReceivables = useReadsReceivables();
  const readsReports = useReadsSalesReports();
  const tabs: Tab[] = [
    ...(permissions.canDo('account', 'read') ? (['accounts'] as const) : []),
    ...(permissions.canDo('contact', 'read') ? (['contacts'] as const) : []),
    ...(permissions.canDo('lead', 'read') ? (['leads'] as const) : []),
    ...(permissions.canDo('opportunity', 'read') ? (['opportunities', 'board'] as const) : []),
    ...(permissions.canDo('quote', 'read') ? (['quotes'] as const) : []),
    ...(permissions.canDo('order', 'read') ? (['orders'] as const) : []),
    ...(readsReceivables ? (['receivables'] as const) : []),
    ...(readsReports ? (['reports'] as const) : []),
    ...(permissions.canDo('activity', 'read') ? (['activities'] as const) : []),
    ...(RECYCLABLE_TYPES.some((type) => permissions.canDo(type, 'delete')) ? (['recycleBin'] as const) : []),
  ];
  if (tabs.length < 2) return null;
  const labels: Record<Tab, string> = {
    accounts: t('accounts.title'),
    contacts: t('contacts.title'),
    leads: t('leads.title'),
    opportunities: t('opportunities.title'),
    board: t('opportunities.board'),
    quotes: t('quotes.tab'),
    orders: t('orders.title'),
    receivables: t('receivables.title'),
    reports: t('reports.tab'),
    activities: t('activities.title'),
    recycleBin: t('recycleBin.tab'),
  };
  // Eleven tabs are wider than a phone: they scroll sideways in their own strip instead of widening the page.
  return (
    <div style={{ overflowX: 'auto', maxWidth: '100%', marginBottom: 16 }} data-testid="sales-tabs">
      <Segmented<Tab>
        value={current}
        options={tabs.map((tab) => ({ value: tab, label: <span data-testid={`sales-tab-${tab}`}>{labels[tab]}</span> }))}
        onChange={(tab) => void navigate(PATHS[tab])}
      />
    </div>
  );
}
