import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldAccess } from '@/lib/permissions';
import { ACCOUNT_TIERS, addressText, LEAD_RATINGS, LEAD_SOURCES } from '../utils/record-fields';

/**
 * One business value as the server sent it. Masked values are marked as such (the mask is the server's: the
 * clear value never reaches the browser); empty ones show a dash.
 */
export function FieldValue({ field, value, access }: { field: string; value: unknown; access: FieldAccess }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  const text =
    typeof value === 'object'
      ? addressText(value) || '—'
      : typeof value === 'boolean'
        ? t(value ? 'common.yes' : 'common.no')
        : field === 'tier' && (ACCOUNT_TIERS as readonly unknown[]).includes(value)
          ? t(`records.tiers.${value as (typeof ACCOUNT_TIERS)[number]}`)
          : field === 'kind' && (value === 'company' || value === 'person')
      ? t(`records.kinds.${value}`)
      : field === 'source' && (LEAD_SOURCES as readonly unknown[]).includes(value)
        ? t(`leads.sources.${value as (typeof LEAD_SOURCES)[number]}`)
        : field === 'rating' && (LEAD_RATINGS as readonly unknown[]).includes(value)
          ? t(`leads.ratings.${value as (typeof LEAD_RATINGS)[number]}`)
          : String(value);
  if (access !== 'masked') return <span data-testid={`field-${field}`}>{text}</span>;
  return (
    <Space size={4} data-testid={`field-${field}`}>
      <span>{text}</span>
      <Tooltip title={t('records.maskedHint')}>
        <EyeInvisibleOutlined aria-label={t('records.masked')} style={{ color: 'rgba(0, 0, 0, 0.45)' }} />
      </Tooltip>
    </Space>
  );
}
