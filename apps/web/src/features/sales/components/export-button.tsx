import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useExportRecords, type ExportRequest } from '../api/export-records';

/** The API's refusal of a too large export names the row count in its `q` field message ("matches N records, …"). */
function tooManyRows(error: ApiError): number | undefined {
  const count = /matches (\d+) records/.exec(error.fieldErrors.q ?? '')?.[1];
  return count ? Number(count) : undefined;
}

/** Downloads the records the caller sees, as the list shows them (search, filters, sort), as a CSV file. */
export function ExportButton({ request, size, testId }: { request: ExportRequest; size?: 'small' | 'middle'; testId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const exporting = useExportRecords();

  async function onExport() {
    try {
      await exporting.mutateAsync(request);
    } catch (error) {
      if (!(error instanceof ApiError)) return void message.error(t('errors.network'));
      const rows = error.status === 400 ? tooManyRows(error) : undefined;
      if (rows !== undefined) return void message.error(t('records.export.tooMany', { rows: rows.toLocaleString(i18n.language) }), 8);
      void message.error(error.detail ?? t('errors.generic'), 8);
    }
  }

  return (
    <Button size={size} icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => void onExport()} title={t('records.export.hint')} data-testid={testId}>
      {t('records.export.button')}
    </Button>
  );
}
