import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { toCsv } from '@/lib/csv';
import { saveBlob } from '@/lib/download';
import type { SalesReport } from '../api/dashboard';
import { reportColumns, useGroupLabel } from './report-table';

/** Saves the shown table as CSV: the same columns and figures (decimal strings as the server sent them), with the currency. */
export function ExportButton({ report, name, testId }: { report: SalesReport | undefined; name: string; testId: string }) {
  const { t } = useTranslation();
  const labelOf = useGroupLabel();
  const download = () => {
    if (!report) return;
    const columns = reportColumns(report, t);
    const header = [t(`analytics.groupBy.${report.groupBy}`), ...columns.map((column) => column.title), t('analytics.currency')];
    const line = (label: string, row: SalesReport['totals']) => [label, ...columns.map((column) => column.value(row)), report.currency];
    const csv = toCsv([header, ...report.rows.map((row) => line(labelOf(row), row)), line(t('analytics.totals'), report.totals)]);
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} onClick={download} disabled={!report} data-testid={testId}>
      {t('analytics.exportCsv')}
    </Button>
  );
}
