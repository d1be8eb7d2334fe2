import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { toCsv } from '@/lib/csv';
import { saveBlob } from '@/lib/download';
import type { SalesReport } from '../api/dashboard';
import { reportColumns, useGroupLabel } from './report-table';

type Cells = Array<Array<string | number | null | undefined>>;

/** Saves a table as CSV (UTF-8 with BOM): the rows are built on click, from the figures as the server sent them. */
export function CsvButton({ rows, name, testId, label }: { rows: (() => Cells) | undefined; name: string; testId: string; label?: string }) {
  const { t } = useTranslation();
  const download = () => {
    if (!rows) return;
    saveBlob(new Blob([toCsv(rows())], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} onClick={download} disabled={!rows} data-testid={testId}>
      {label ?? t('analytics.exportCsv')}
    </Button>
  );
}

/** Saves the shown table as CSV: the same columns and figures (decimal strings as the server sent them), with the currency. */
export function ExportButton({ report, name, testId }: { report: SalesReport | undefined; name: string; testId: string }) {
  const { t } = useTranslation();
  const labelOf = useGroupLabel();
  const rows = report
    ? () => {
        const columns = reportColumns(report, t);
        const header = [t(`analytics.groupBy.${report.groupBy}`), ...columns.map((column) => column.title), t('analytics.currency')];
        const line = (label: string, row: SalesReport['totals']) => [label, ...columns.map((column) => column.value(row)), report.currency];
        return [header, ...report.rows.map((row) => line(labelOf(row), row)), line(t('analytics.totals'), report.totals)];
      }
    : undefined;
  return <CsvButton rows={rows} name={name} testId={testId} />;
}
