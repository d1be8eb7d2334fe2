import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { useReadsReceivables } from '@/features/sales/components/account-receivables-card';
import { ApprovalsCard } from '@/features/sales/components/approvals-card';
import { MyTodosCard } from '@/features/sales/components/my-todos-card';
import { OverdueReceivablesCard } from '@/features/sales/components/overdue-receivables-card';
import { PipelineGlanceCard } from '@/features/sales/components/pipeline-glance-card';
import { TodaysVisitsCard } from '@/features/sales/components/todays-visits-card';
import { isReadable, usePermissions } from '@/lib/permissions';
import { userHasRole, useSessionUser } from '@/lib/session';

/**
 * `/desk`, the work desktop (R-POR-1): each user's home page — today's to-dos (overdue, urgent and important first),
 * today's visits, the quotes awaiting their approval and their pipeline at a glance. Each card appears only to who may read what it shows; modules add
 * their cards here (approvals with quotes, cases with service).
 */
export function DeskPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const me = useSessionUser();
  const now = new Date();
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const readsActivities = permissions.canDo('activity', 'read');
  const readsReceivables = useReadsReceivables();
  // Who may decide quotes (sales managers and directors) reads them; the inbox itself answers only what they may decide.
  const decidesQuotes = permissions.canDo('quote', 'read') && (userHasRole(me, 'sales_manager') || userHasRole(me, 'sales_director'));
  const readsPipeline = permissions.canDo('opportunity', 'read') && isReadable(permissions.fieldAccess('opportunity', 'amount'));

  return (
    <>
      <PageHeader
        title={t('desk.title')}
        extra={<Typography.Text type="secondary">{now.toLocaleDateString(i18n.language, { dateStyle: 'full' })}</Typography.Text>}
      />
      {me && !permissions.isPending && (
        <Row gutter={[16, 16]}>
          {readsActivities && (
            <Col xs={24} xl={12}>
              <MyTodosCard userId={me.id} endOfToday={endOfToday} />
            </Col>
          )}
          {readsActivities && (
            <Col xs={24} xl={12}>
              <TodaysVisitsCard userId={me.id} startOfToday={startOfToday} endOfToday={endOfToday} />
            </Col>
          )}
          {decidesQuotes && (
            <Col xs={24} xl={12}>
              <ApprovalsCard />
            </Col>
          )}
          {readsPipeline && (
            <Col xs={24}>
              <PipelineGlanceCard userId={me.id} />
            </Col>
          )}
          {readsReceivables && (
            <Col xs={24} xl={12}>
              <OverdueReceivablesCard />
            </Col>
          )}
        </Row>
      )}
    </>
  );
}
