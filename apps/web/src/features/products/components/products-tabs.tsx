import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePermissions } from '@/lib/permissions';

type Tab = 'catalogue' | 'priceLists' | 'exchangeRates';

const PATHS: Record<Tab, string> = { catalogue: '/products', priceLists: '/products/price-lists', exchangeRates: '/products/exchange-rates' };

/** The catalogue, the price lists and the exchange rates, each for who may read it. */
export function ProductsTabs({ current }: { current: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const permissions = usePermissions();
  const tabs: Tab[] = [
    ...(permissions.canDo('product', 'read') ? (['catalogue'] as const) : []),
    ...(permissions.canDo('price_list', 'read') ? (['priceLists'] as const) : []),
    ...(permissions.canDo('exchange_rate', 'read') ? (['exchangeRates'] as const) : []),
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
