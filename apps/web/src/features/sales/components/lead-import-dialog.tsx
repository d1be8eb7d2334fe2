import { Alert, Button, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api';
import { useImportLeads, type LeadImportResult } from '../api/leads';

/** Imports leads from a CSV file (or pasted text); shows how many were imported and each bad row with its line. */
export function LeadImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const importLeads = useImportLeads();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<LeadImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function readFile(file: File | undefined) {
    if (file) setCsv(await file.text());
  }

  async function submit() {
    setError(null);
    try {
      setResult(await importLeads.mutateAsync(csv));
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fieldErrors.csv ?? caught.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  return (
    <Modal open title={t('leads.import.title')} onCancel={onClose} footer={null} data-testid="lead-import-dialog">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary">{t('leads.import.hint')}</Typography.Paragraph>
        <label>
          {t('leads.import.file')}{' '}
          <input type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event.target.files?.[0])} data-testid="lead-import-file" />
        </label>
        <Input.TextArea rows={6} placeholder={t('leads.import.paste')} aria-label={t('leads.import.paste')} value={csv} onChange={(event) => setCsv(event.target.value)} data-testid="lead-import-text" />
        {error && <Alert type="error" showIcon title={error} />}
        {result && (
          <>
            <Alert type={result.errors.length ? 'warning' : 'success'} showIcon title={t('leads.import.result', { count: result.imported })} data-testid="lead-import-result" />
            {result.errors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto' }}>
                {result.errors.map((e) => (
                  <li key={`${e.row}-${e.field}`} data-testid="lead-import-error">
                    {t('leads.import.rowError', { row: e.row, field: e.field, message: e.message })}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <Flex justify="end">
          <Button type="primary" onClick={() => void submit()} loading={importLeads.isPending} disabled={!csv.trim()} data-testid="lead-import-submit">
            {t('leads.import.submit')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
