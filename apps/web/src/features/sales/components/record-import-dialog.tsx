import { Alert, Button, Flex, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '@/lib/api';
import { useImportRecords, type ImportDuplicateMode, type ImportKind, type ImportResult } from '../api/import-records';

type Candidate = ImportResult['duplicates'][number]['candidates'][number];

const RECORD_PATHS: Record<string, string> = { account: '/sales/accounts', contact: '/sales/contacts', lead: '/sales/leads' };

/**
 * Imports leads, accounts or contacts from a CSV file (or pasted text) in two steps: a dry run previews the rows to
 * import, each bad row with its line, and each row that looks like a record the caller can read (linked) or an
 * earlier row; then the import itself, skipping or creating those duplicates as chosen. Test ids start `<kind>-import`.
 */
export function RecordImportDialog({ kind, accountId, onClose }: { kind: ImportKind; accountId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const importRecords = useImportRecords(kind);
  const [csv, setCsv] = useState('');
  const [onDuplicate, setOnDuplicate] = useState<ImportDuplicateMode>('skip');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = `${kind}-import`;

  function changed(update: () => void) {
    update();
    setPreview(null);
    setResult(null);
    setError(null);
  }

  async function readFile(file: File | undefined) {
    if (file) {
      const text = await file.text();
      changed(() => setCsv(text));
    }
  }

  async function run(dryRun: boolean) {
    setError(null);
    try {
      const answer = await importRecords.mutateAsync({ csv, onDuplicate, dryRun, ...(accountId ? { accountId } : {}) });
      if (dryRun) setPreview(answer);
      else setResult(answer);
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fieldErrors.csv ?? caught.detail ?? t('errors.generic')) : t('errors.network'));
    }
  }

  const shown = result ?? preview;
  const candidate = (c: Candidate) => {
    const on = c.matchedOn.map((m) => t(`imports.matchedOn.${m}`, { defaultValue: m })).join(t('imports.listSeparator'));
    if (c.row !== null && !c.id) return t('imports.earlierRow', { row: c.row, name: c.name, on });
    return (
      <>
        <Link to={`${RECORD_PATHS[c.objectType] ?? '/sales'}/${c.id}`} target="_blank" data-testid={`${id}-candidate`}>
          {c.name}
        </Link>{' '}
        {c.row !== null ? t('imports.candidateRow', { row: c.row, on }) : t('imports.candidateOn', { on })}
      </>
    );
  };

  return (
    <Modal open title={t(`imports.title.${kind}`)} onCancel={onClose} footer={null} data-testid={`${id}-dialog`}>
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary">{t(`imports.hint.${kind}`)}</Typography.Paragraph>
        <label>
          {t('imports.file')}{' '}
          <input type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event.target.files?.[0])} data-testid={`${id}-file`} />
        </label>
        <Input.TextArea rows={6} placeholder={t('imports.paste')} aria-label={t('imports.paste')} value={csv} onChange={(event) => changed(() => setCsv(event.target.value))} data-testid={`${id}-text`} />
        <Flex vertical gap={4}>
          <Typography.Text>{t('imports.onDuplicate')}</Typography.Text>
          <Radio.Group value={onDuplicate} onChange={(event) => changed(() => setOnDuplicate(event.target.value as ImportDuplicateMode))} data-testid={`${id}-mode`}>
            <Radio value="skip" data-testid={`${id}-skip`}>{t('imports.skip')}</Radio>
            <Radio value="create" data-testid={`${id}-create`}>{t('imports.create')}</Radio>
          </Radio.Group>
        </Flex>
        {error && <Alert type="error" showIcon title={error} />}
        {shown && (
          <>
            <Alert
              type={result ? (shown.errors.length ? 'warning' : 'success') : 'info'}
              showIcon
              title={result ? t(`imports.result.${kind}`, { count: shown.imported }) : t('imports.preview', { count: shown.imported })}
              description={shown.rows.length ? t('imports.lines', { lines: shown.rows.join(', ') }) : undefined}
              data-testid={result ? `${id}-result` : `${id}-preview-summary`}
            />
            {shown.errors.length > 0 && (
              <section>
                <Typography.Text strong>{t('imports.errors', { count: shown.errors.length })}</Typography.Text>
                <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 200, overflow: 'auto' }}>
                  {shown.errors.map((e) => (
                    <li key={`${e.row}-${e.field}`} data-testid={`${id}-error`}>
                      {t('imports.rowError', { row: e.row, field: e.field, message: e.message })}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {shown.duplicates.length > 0 && (
              <section>
                <Typography.Text strong>{t(onDuplicate === 'skip' ? 'imports.duplicatesSkipped' : 'imports.duplicatesCreated', { count: shown.duplicates.length })}</Typography.Text>
                <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 240, overflow: 'auto', overflowWrap: 'anywhere' }}>
                  {shown.duplicates.map((d) => (
                    <li key={d.row} data-testid={`${id}-duplicate`}>
                      {t('imports.duplicateRow', { row: d.row })}
                      <ul style={{ paddingInlineStart: 16 }}>
                        {d.candidates.map((c) => (
                          <li key={`${c.objectType}-${c.id ?? ''}-${c.row ?? ''}`}>{candidate(c)}</li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
        <Flex justify="end" gap={8} wrap>
          {result ? (
            <Button type="primary" onClick={onClose} data-testid={`${id}-done`}>
              {t('imports.done')}
            </Button>
          ) : (
            <>
              <Button onClick={() => void run(true)} loading={importRecords.isPending && !preview} disabled={!csv.trim()} data-testid={`${id}-preview`}>
                {t('imports.check')}
              </Button>
              <Button type="primary" onClick={() => void run(false)} loading={importRecords.isPending && !!preview} disabled={!preview || preview.imported === 0} data-testid={`${id}-submit`}>
                {t('imports.submit', { count: preview?.imported ?? 0 })}
              </Button>
            </>
          )}
        </Flex>
      </Flex>
    </Modal>
  );
}
