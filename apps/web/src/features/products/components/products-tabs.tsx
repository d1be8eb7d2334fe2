import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePermissions } from '@/lib/permissions';

type Tab = 'catalogue' | 'priceLists';

const PATHS: Record<Tab, string> = { catalogue: '/products', priceLists: '/products/price-lists' };

/** The catalogue and the price lists; the latter only for who may read price lists. */
export function ProductsTabs({ current }: { current: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const tabs: Tab[] = [
    ...(permissions.canDo('product', 'read') ? (['catalogue'] as const) : []),
    ...(permissions.canDo('price_list', 'read') ? (['priceLists'] as const) : []),
  ];
  if (tabs.length < 2) return null;
  return (
    <Segmented<Tab>
      value={current}
      options={tabs.map((tab) => ({ value: tab, label: <span data-testid={`products-tab-${tab}`}>{t(`products.tabs.${tab}`)}</span> }))}
      onChange={(tab) => void navigate(PATHS[tab])}
      style={{ marginBottom: 16 }}
    />
  );
}
