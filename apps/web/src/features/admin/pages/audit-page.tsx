import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { AccessExplainPanel } from '../components/access-explain-panel';

/**
 * The auditor's page (auditors and system administrators; the API's explain endpoint allows the same two roles).
 * Auditors may not open the administration, so the access explanation has this page of its own.
 */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card title={t('admin.tabs.explain')}>
        <AccessExplainPanel />
      </Card>
    </>
  );
}
