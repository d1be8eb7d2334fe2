import { Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserName } from '@/components/user-name';
import type { FieldAccess } from '@/lib/permissions';
import type { Lead, LeadSort } from '../api/leads';
import { withRecordColumns } from './record-columns';
import { RecordList, type RecordListPassThrough } from './record-list/record-list';

export interface LeadsTableProps extends Omit<RecordListPassThrough<Lead>, 'selected' | 'onSelectedChange'> {
  leads: Lead[];
  loading: boolean;
  access: (field: string) => FieldAccess;
  sort?: LeadSort;
  onSortChange?: (sort: LeadSort | undefined) => void;
  /** Rows can be picked (for bulk reassignment) when given. */
  selected?: string[];
  onSelectedChange?: (ids: string[]) => void;
}

const SORTABLE = { name: 'name', company: 'company' } as const;
/** On a phone: who, and how far along. */
const ESSENTIAL = ['name', 'status'];

/** Colours of the statuses: open ones blue to green as they qualify, converted gold, disqualified grey. */
export const STATUS_COLOURS: Record<string, string> = { new: 'blue', contacted: 'cyan', qualified: 'green', converted: 'gold', disqualified: 'default' };

/** Leads as far as the caller may read them: name, company, status, source, rating, owner. */
export function LeadsTable({ leads, loading, access, sort, onSortChange, selected, onSelectedChange, ...list }: LeadsTableProps) {
  const { t } = useTranslation();
  const visible = (field: string) => access(field) !== 'hidden';
  const sortOrder = (field: keyof typeof SORTABLE) => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);
  const sortable = (field: keyof typeof SORTABLE) => Boolean(onSortChange) && (access(field) === 'read' || access(field) === 'edit');

  const columns: TableColumnsType<Lead> = [];
  if (visible('name')) {
    columns.push({
      key: 'name',
      title: t('leads.columns.name'),
      sorter: sortable('name'),
      sortOrder: sortOrder('name'),
      render: (_: unknown, lead) => (
        <Link to={`/sales/leads/${lead.id}`} data-testid={`lead-link-${lead.id}`}>
          {lead.name || t('records.unnamed')}
        </Link>
      ),
    });
  }
  if (visible('company')) columns.push({ key: 'company', title: t('leads.columns.company'), sorter: sortable('company'), sortOrder: sortOrder('company'), render: (_: unknown, lead) => lead.company ?? '—' });
  if (visible('status')) {
    columns.push({ key: 'status', title: t('leads.columns.status'), render: (_: unknown, lead) => (lead.status ? <Tag color={STATUS_COLOURS[lead.status]}>{t(`leads.statuses.${lead.status}`)}</Tag> : '—') });
  }
  if (visible('source')) columns.push({ key: 'source', title: t('leads.columns.source'), render: (_: unknown, lead) => (lead.source ? t(`leads.sources.${lead.source}`) : '—') });
  if (visible('rating')) {
    columns.push({ key: 'rating', title: t('leads.columns.rating'), render: (_: unknown, lead) => (lead.rating ? t(`leads.ratings.${lead.rating as 'hot' | 'warm' | 'cold'}`) : '—') });
  }
  if (visible('ownerId')) columns.push({ key: 'ownerId', title: t('leads.columns.ownerId'), render: (_: unknown, lead) => <UserName id={lead.ownerId} /> });

  return (
    <RecordList<Lead>
      testId="leads-table"
      columns={withRecordColumns(columns, { access, t, pathOf: (lead) => `/sales/leads/${lead.id}` })}
      rows={leads}
      loading={loading}
      emptyText={t('leads.empty')}
      essentialColumns={ESSENTIAL}
      {...list}
      {...(onSelectedChange ? { selected: selected ?? [], onSelectedChange } : {})}
      onChange={(_pagination, _filters, sorter) => {
        if (!onSortChange || Array.isArray(sorter)) return;
        const field = sorter.columnKey as keyof typeof SORTABLE | undefined;
        if (!sorter.order || !field) return onSortChange(undefined);
        onSortChange((sorter.order === 'descend' ? `-${SORTABLE[field]}` : SORTABLE[field]) as LeadSort);
      }}
    />
  );
}
