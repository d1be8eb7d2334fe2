import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useExportRecords, type ExportFormat, type ExportRequest } from '../api/export-records';

/** The API's refusal of a too large export names the row count in its `q` field message ("matches N records, …"). */
function tooManyRows(error: ApiError): number | undefined {
  const count = /matches (\d+) records/.exec(error.fieldErrors.q ?? '')?.[1];
  return count ? Number(count) : undefined;
}

/** The API's cap on the ids of one export of a selection. */
export const EXPORT_MAX_SELECTED = 200;

/**
 * Downloads the records the caller sees, as the list shows them (search, filters, sort), as a CSV file or an Excel
 * workbook (the second button, `<testId>-xlsx`); with rows `selected`, only those (still within the list's filters).
 */
export function ExportButton({ request, selected, size, testId }: { request: ExportRequest; selected?: string[]; size?: 'small' | 'middle'; testId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const exporting = useExportRecords();
  const pending = exporting.isPending ? exporting.variables.params.format ?? 'csv' : undefined;

  const picked = selected && selected.length > 0 ? selected : undefined;

  async function onExport(format: ExportFormat) {
    if (picked && picked.length > EXPORT_MAX_SELECTED) return void message.error(t('lists.exportLimit', { max: EXPORT_MAX_SELECTED }), 8);
    // CSV is the API's default: its request stays as it was.
    const params = { ...request.params, ...(picked ? { ids: picked.join(',') } : {}), ...(format === 'xlsx' ? { format } : {}) };
    try {
      await exporting.mutateAsync({ ...request, params } as ExportRequest);
    } catch (error) {
      if (!(error instanceof ApiError)) return void message.error(t('errors.network'));
      const rows = error.status === 400 ? tooManyRows(error) : undefined;
      if (rows !== undefined) return void message.error(t('records.export.tooMany', { rows: rows.toLocaleString(i18n.language) }), 8);
      void message.error(error.detail ?? t('errors.generic'), 8);
    }
  }

  return (
    <Space.Compact size={size}>
      <Button icon={<DownloadOutlined />} loading={pending === 'csv'} disabled={pending === 'xlsx'} onClick={() => void onExport('csv')} title={t(picked ? 'records.export.selectedHint' : 'records.export.hint')} data-testid={testId}>
        {picked ? t('lists.exportSelected', { count: picked.length }) : t('records.export.button')}
      </Button>
      <Button loading={pending === 'xlsx'} disabled={pending === 'csv'} onClick={() => void onExport('xlsx')} title={t(picked ? 'records.export.excelSelectedHint' : 'records.export.excelHint')} data-testid={`${testId}-xlsx`}>
        {t('records.export.excel')}
      </Button>
    </Space.Compact>
  );
}
