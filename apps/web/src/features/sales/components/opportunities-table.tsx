import { type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserName } from '@/components/user-name';
import type { FieldAccess } from '@/lib/permissions';
import { formatMoney, stageName, type Opportunity, type OpportunitySort, type PipelineStage } from '../api/opportunities';
import { withRecordColumns } from './record-columns';
import { RecordList, type RecordListPassThrough } from './record-list/record-list';

export interface OpportunitiesTableProps extends RecordListPassThrough<Opportunity> {
  opportunities: Opportunity[];
  loading: boolean;
  /** Every stage of every pipeline, by id. */
  stages: Map<string, PipelineStage>;
  access: (field: string) => FieldAccess;
  sort?: OpportunitySort;
  onSortChange?: (sort: OpportunitySort | undefined) => void;
  testId?: string;
}

const SORTABLE = { name: 'name', amount: 'amount', expectedCloseDate: 'expectedCloseDate' } as const;
/** On a phone: what, how far, how much. */
const ESSENTIAL = ['name', 'stageId', 'amount'];

/** Opportunities as far as the caller may read them: stage, amount (a decimal string, never a float), close date, owner. */
export function OpportunitiesTable({ opportunities, loading, stages, access, sort, onSortChange, testId = 'opportunities-table', ...list }: OpportunitiesTableProps) {
  const { t, i18n } = useTranslation();
  const visible = (field: string) => access(field) !== 'hidden';
  // Sorting by a field one cannot read in clear is refused by the API: only offered where it works.
  const sortOrder = (field: keyof typeof SORTABLE) => (sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null);
  const sortable = (field: keyof typeof SORTABLE) => Boolean(onSortChange) && (access(field) === 'read' || access(field) === 'edit');

  const columns: TableColumnsType<Opportunity> = [];
  if (visible('name')) {
    columns.push({
      key: 'name',
      title: t('opportunities.columns.name'),
      sorter: sortable('name'),
      sortOrder: sortOrder('name'),
      render: (_: unknown, o) => (
        <Link to={`/sales/opportunities/${o.id}`} data-testid={`opportunity-link-${o.id}`}>
          {o.name || t('records.unnamed')}
        </Link>
      ),
    });
  }
  if (visible('stageId')) columns.push({ key: 'stageId', title: t('opportunities.columns.stage'), render: (_: unknown, o) => stageName(o.stageId ? stages.get(o.stageId) : undefined, i18n.language) });
  if (visible('amount')) {
    columns.push({
      key: 'amount',
      title: t('opportunities.columns.amount'),
      align: 'right',
      sorter: sortable('amount'),
      sortOrder: sortOrder('amount'),
      render: (_: unknown, o) => <span data-testid={`amount-${o.id}`}>{formatMoney(o.amount, o.currency, i18n.language)}</span>,
    });
  }
  if (visible('probability')) columns.push({ key: 'probability', title: t('opportunities.columns.probability'), align: 'right', render: (_: unknown, o) => (o.probability === undefined ? '—' : `${o.probability}%`) });
  if (visible('expectedCloseDate')) {
    columns.push({
      key: 'expectedCloseDate',
      title: t('opportunities.columns.expectedCloseDate'),
      sorter: sortable('expectedCloseDate'),
      sortOrder: sortOrder('expectedCloseDate'),
      render: (_: unknown, o) => o.expectedCloseDate ?? '—',
    });
  }
  if (visible('ownerId')) columns.push({ key: 'ownerId', title: t('opportunities.columns.ownerId'), render: (_: unknown, o) => <UserName id={o.ownerId} /> });

  return (
    <RecordList<Opportunity>
      testId={testId}
      columns={withRecordColumns(columns, { access, t, pathOf: (o) => `/sales/opportunities/${o.id}` })}
      rows={opportunities}
      loading={loading}
      emptyText={t('opportunities.empty')}
      essentialColumns={ESSENTIAL}
      {...list}
      onChange={(_pagination, _filters, sorter) => {
        if (!onSortChange || Array.isArray(sorter)) return;
        const field = sorter.columnKey as keyof typeof SORTABLE | undefined;
        if (!sorter.order || !field) return onSortChange(undefined);
        onSortChange((sorter.order === 'descend' ? `-${SORTABLE[field]}` : SORTABLE[field]) as OpportunitySort);
      }}
    />
  );
}
