import { StopOutlined } from '@ant-design/icons';
import { Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** What a caller without the read right sees instead of the page. */
export function NoAccess({ what, testId }: { what: 'products' | 'priceLists' | 'exchangeRates'; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result icon={<StopOutlined />} title={t(`products.noAccess.${what}`)} subTitle={t('products.noAccess.subTitle')} data-testid={testId} />
    </Card>
  );
}
