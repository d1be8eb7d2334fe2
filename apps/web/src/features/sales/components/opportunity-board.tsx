import { MoreOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Dropdown, Flex, Typography } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserName } from '@/components/user-name';
import type { FieldAccess } from '@/lib/permissions';
import { formatMoney, stageName, type Opportunity, type PipelineStage } from '../api/opportunities';

export interface OpportunityBoardProps {
  stages: PipelineStage[];
  opportunities: Opportunity[];
  access: (field: string) => FieldAccess;
  /** Moves an opportunity to another stage (the page sends the PATCH with If-Match). */
  onMove: (opportunity: Opportunity, stageId: string) => void;
  /** Opportunities being moved: shown dimmed, not draggable. */
  moving?: ReadonlySet<string>;
}

const DRAG_TYPE = 'application/x-lianxi-opportunity';

/**
 * One column per stage of the pipeline; a card is dragged to another column to move it (HTML5 drag and drop), or
 * moved with its menu (keyboards and touch screens, where HTML5 drag and drop does not work). The server decides:
 * a card the caller may not move comes back with a 403.
 */
export function OpportunityBoard({ stages, opportunities, access, onMove, moving = new Set() }: OpportunityBoardProps) {
  const { t, i18n } = useTranslation();
  const dragged = useRef<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const byId = new Map(opportunities.map((o) => [o.id, o]));

  function drop(event: DragEvent, stageId: string) {
    event.preventDefault();
    setOver(null);
    const id = event.dataTransfer?.getData(DRAG_TYPE) || dragged.current;
    dragged.current = null;
    const opportunity = id ? byId.get(id) : undefined;
    if (opportunity && opportunity.stageId !== stageId) onMove(opportunity, stageId);
  }

  return (
    <Flex gap={12} style={{ overflowX: 'auto', paddingBottom: 8 }} data-testid="opportunity-board">
      {stages.map((stage) => {
        const cards = opportunities.filter((o) => o.stageId === stage.id);
        return (
          <div
            key={stage.id}
            data-testid={`board-column-${stage.id}`}
            onDragOver={(event) => {
              event.preventDefault();
              if (over !== stage.id) setOver(stage.id);
            }}
            onDragLeave={() => setOver((current) => (current === stage.id ? null : current))}
            onDrop={(event) => drop(event, stage.id)}
            style={{
              minWidth: 240,
              flex: '1 0 240px',
              background: over === stage.id ? '#e6f4ff' : '#f5f5f5',
              borderRadius: 8,
              padding: 8,
            }}
          >
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Text strong>{stageName(stage, i18n.language)}</Typography.Text>
              <Badge count={cards.length} showZero color="#8c8c8c" data-testid={`board-count-${stage.id}`} />
            </Flex>
            <Flex vertical gap={8}>
              {cards.map((o) => (
                <Card
                  key={o.id}
                  size="small"
                  draggable={!moving.has(o.id)}
                  onDragStart={(event) => {
                    dragged.current = o.id;
                    event.dataTransfer?.setData(DRAG_TYPE, o.id);
                    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
                  }}
                  style={{ cursor: 'grab', opacity: moving.has(o.id) ? 0.5 : 1 }}
                  data-testid={`board-card-${o.id}`}
                >
                  <Flex justify="space-between" align="start" gap={4}>
                    <Link to={`/sales/opportunities/${o.id}`} style={{ wordBreak: 'break-word' }}>
                      {o.name || t('records.unnamed')}
                    </Link>
                    <Dropdown
                      trigger={['click']}
                      menu={{
                        items: stages.filter((s) => s.id !== o.stageId).map((s) => ({ key: s.id, label: stageName(s, i18n.language) })),
                        onClick: ({ key }) => onMove(o, key),
                      }}
                    >
                      <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('opportunities.dragHandle', { name: o.name ?? '' })} data-testid={`board-move-${o.id}`} />
                    </Dropdown>
                  </Flex>
                  {access('amount') !== 'hidden' && <div>{formatMoney(o.amount, o.currency, i18n.language)}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {o.expectedCloseDate ?? '—'}
                    {access('ownerId') !== 'hidden' && (
                      <>
                        {' · '}
                        <UserName id={o.ownerId} />
                      </>
                    )}
                  </Typography.Text>
                </Card>
              ))}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}
