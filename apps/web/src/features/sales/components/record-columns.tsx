import { Space, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { FieldAccess } from '@/lib/permissions';

interface ListedRecord {
  id: string;
  restricted?: boolean;
  ownerOnlyEdit?: boolean;
}

/**
 * The columns every record list shares, added around its field columns: an explicit "open" link when the name is
 * hidden (there is nothing else to click), and the restricted / owner-only tags where the caller may see them.
 */
export function withRecordColumns<T extends ListedRecord>(
  columns: TableColumnsType<T>,
  { access, t, pathOf }: { access: (field: string) => FieldAccess; t: TFunction; pathOf: (record: T) => string },
): TableColumnsType<T> {
  const out = [...columns];
  if (access('name') === 'hidden') {
    out.unshift({ key: 'open', title: '', render: (_: unknown, record: T) => <Link to={pathOf(record)}>{t('records.open')}</Link> });
  }
  const showRestricted = access('restricted') !== 'hidden';
  const showOwnerOnly = access('ownerOnlyEdit') !== 'hidden';
  if (showRestricted || showOwnerOnly) {
    out.push({
      // Keyed by a field (the tags show `restricted` and `ownerOnlyEdit`) so a saved view can name the column.
      key: showRestricted ? 'restricted' : 'ownerOnlyEdit',
      title: t('accounts.columns.flags'),
      render: (_: unknown, record: T) => (
        <Space size={[0, 4]} wrap>
          {showRestricted && record.restricted && <Tag color="red">{t('accounts.tags.restricted')}</Tag>}
          {showOwnerOnly && record.ownerOnlyEdit && <Tag color="gold">{t('accounts.tags.ownerOnlyEdit')}</Tag>}
        </Space>
      ),
    });
  }
  return out;
}
