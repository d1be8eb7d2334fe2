import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Flex, Grid } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ListToolbarProps {
  /** The filter controls (search, selects). */
  filters: ReactNode;
  /** How many filters are set, for the badge on a phone. */
  activeFilters: number;
  views?: ReactNode;
  /** Bulk actions on the selection. */
  actions?: ReactNode;
  /** The count of matches. */
  summary?: ReactNode;
}

/** Above a list: its filters in a row on a wide screen, behind a "Filters" button in a bottom drawer on a phone. */
export function ListToolbar({ filters, activeFilters, views, actions, summary }: ListToolbarProps) {
  const { t } = useTranslation();
  const isPhone = Boolean(Grid.useBreakpoint().xs);
  const [open, setOpen] = useState(false);

  if (isPhone) {
    return (
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          <Badge count={activeFilters} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen(true)} data-testid="list-filters-button">
              {t('lists.filters')}
            </Button>
          </Badge>
          {views}
        </Flex>
        {(actions || summary) && (
          <Flex justify="space-between" align="center" gap={8} wrap>
            {actions ?? <span />}
            {summary}
          </Flex>
        )}
        <Drawer open={open} onClose={() => setOpen(false)} placement="bottom" size={440} title={t('lists.filters')} data-testid="list-filters-drawer">
          <Flex vertical gap={12}>
            {filters}
            <Button type="primary" block onClick={() => setOpen(false)} data-testid="list-filters-done">
              {t('lists.showResults')}
            </Button>
          </Flex>
        </Drawer>
      </Flex>
    );
  }
  return (
    <Flex justify="space-between" align="center" gap={16} wrap>
      <Flex gap={8} wrap align="center">
        {filters}
      </Flex>
      <Flex gap={8} wrap align="center">
        {views}
        {actions}
        {summary}
      </Flex>
    </Flex>
  );
}
