import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Grid, Popover, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { useEffect, useMemo, useRef, type ReactNode, type UIEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * From this many rows on the body is virtualised. Below it every row is in the DOM: a first page or two is cheap to
 * render, and keeps the browser's find-in-page, screen readers and tests seeing every row.
 */
export const VIRTUAL_FROM = 100;
/** Height of the scrolling body: the list scrolls inside the card, and the next page loads before its end. */
const BODY_HEIGHT = 560;
const PHONE_BODY_HEIGHT = 480;
/** Start loading the next page this close to the end, so scrolling rarely waits. */
const LOAD_AHEAD_PX = 240;
/** Width of a column that sets none: a virtual table needs a number for its horizontal extent. */
const DEFAULT_COLUMN_WIDTH = 160;
/** Columns that are not a field of the record (the "open" link when the name is hidden): always shown, never chosen. */
const STRUCTURAL: ReadonlySet<string> = new Set(['open']);

export interface RecordListProps<T extends { id: string }> {
  /** On the table, as before (tests and the browser smoke test find the lists by it). */
  testId: string;
  /** Every column the caller may see, keyed by field name (what a saved view names). */
  columns: TableColumnsType<T>;
  rows: T[];
  loading: boolean;
  emptyText: string;
  /** The chosen columns (keys), undefined for all. */
  visibleColumns?: string[];
  /** Offers the column chooser when given; undefined goes back to all columns. */
  onVisibleColumnsChange?: (keys: string[] | undefined) => void;
  /** What a phone-sized screen shows (of the visible columns): the few that identify a row. */
  essentialColumns?: readonly string[];
  /** Rows can be picked (for bulk actions) when given. */
  selected?: string[];
  onSelectedChange?: (ids: string[]) => void;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  loadMoreTestId?: string;
  loadMoreLabel?: string;
  onChange?: TableProps<T>['onChange'];
}

const keyOf = (column: TableColumnsType<unknown>[number]): string => String(column.key ?? '');

/**
 * The one list of every record type: antd's Table, virtualised once it is long, loading the next keyset page as the
 * user scrolls near its end (and with a button, for keyboards and for when the body does not fill the screen), row
 * selection for bulk actions, a column chooser, and only the essential columns on a phone.
 */
export function RecordList<T extends { id: string }>(props: RecordListProps<T>) {
  const { testId, columns, rows, loading, emptyText, visibleColumns, onVisibleColumnsChange, essentialColumns, selected, onSelectedChange, hasMore, loadingMore, onLoadMore, onChange } = props;
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  // xs alone means narrower than 576 px: a phone held upright. (Environments without media queries count as wide.)
  const isPhone = Boolean(screens.xs);
  const loadRequested = useRef(false);
  if (!loadingMore) loadRequested.current = false;

  const choosable = columns.filter((column) => !STRUCTURAL.has(keyOf(column as TableColumnsType<unknown>[number])));
  const shown = useMemo(() => {
    const chosen = visibleColumns ? new Set(visibleColumns) : undefined;
    let out = columns.filter((column) => {
      const key = keyOf(column as TableColumnsType<unknown>[number]);
      return STRUCTURAL.has(key) || !chosen || chosen.has(key);
    });
    if (isPhone && essentialColumns) {
      const essential = out.filter((column) => {
        const key = keyOf(column as TableColumnsType<unknown>[number]);
        return STRUCTURAL.has(key) || essentialColumns.includes(key);
      });
      if (essential.length) out = essential;
    }
    return out.map((column) => ({ ...column, width: column.width ?? DEFAULT_COLUMN_WIDTH }));
  }, [columns, visibleColumns, isPhone, essentialColumns]);

  const virtual = rows.length >= VIRTUAL_FROM;
  // Below the virtual threshold the table is part of the page (no inner scroll: antd's header/body width sync can
  // oscillate with an inner scroll and content-sized columns); the next page loads when the "load more" button
  // comes into view. A virtual table scrolls inside itself and loads from its own scroll position.
  const sentinel = useRef<HTMLDivElement>(null);
  const loadMore = useRef(onLoadMore);
  loadMore.current = onLoadMore;
  useEffect(() => {
    const element = sentinel.current;
    if (virtual || !hasMore || loadingMore || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore.current?.();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [virtual, hasMore, loadingMore]);
  const width = shown.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : DEFAULT_COLUMN_WIDTH), onSelectedChange ? 48 : 0);

  function onScroll(event: UIEvent<HTMLDivElement>) {
    const body = event.currentTarget;
    if (!hasMore || loadingMore || loadRequested.current || !onLoadMore) return;
    if (body.scrollHeight - body.scrollTop - body.clientHeight < LOAD_AHEAD_PX) {
      loadRequested.current = true;
      onLoadMore();
    }
  }

  const chooser = onVisibleColumnsChange && choosable.length > 1 && (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('lists.columns.title')}
      content={
        <Flex vertical gap={4} data-testid={`${testId}-columns`}>
          {choosable.map((column) => {
            const key = keyOf(column as TableColumnsType<unknown>[number]);
            const on = !visibleColumns || visibleColumns.includes(key);
            const onlyOne = on && (visibleColumns?.length ?? choosable.length) <= 1;
            return (
              <Checkbox
                key={key}
                checked={on}
                disabled={onlyOne}
                data-testid={`column-toggle-${key}`}
                onChange={(event) => {
                  const current = visibleColumns ?? choosable.map((c) => keyOf(c as TableColumnsType<unknown>[number]));
                  const next = event.target.checked ? choosable.map((c) => keyOf(c as TableColumnsType<unknown>[number])).filter((k) => k === key || current.includes(k)) : current.filter((k) => k !== key);
                  onVisibleColumnsChange(next.length === choosable.length ? undefined : next);
                }}
              >
                {typeof column.title === 'function' ? key : (column.title as ReactNode) || key}
              </Checkbox>
            );
          })}
          <Button size="small" type="link" onClick={() => onVisibleColumnsChange(undefined)} data-testid={`${testId}-columns-reset`}>
            {t('lists.columns.all')}
          </Button>
        </Flex>
      }
    >
      <Button size="small" icon={<SettingOutlined />} aria-label={t('lists.columns.title')} data-testid={`${testId}-columns-button`}>
        {isPhone ? null : t('lists.columns.button')}
      </Button>
    </Popover>
  );

  return (
    <Flex vertical gap={8}>
      {(chooser || (selected && selected.length > 0)) && (
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary" data-testid={`${testId}-selected`}>
            {selected && selected.length > 0 ? t('lists.selected', { count: selected.length }) : null}
          </Typography.Text>
          {chooser}
        </Flex>
      )}
      <Table<T>
        rowKey="id"
        size="small"
        data-testid={testId}
        columns={shown}
        dataSource={rows}
        loading={loading}
        pagination={false}
        virtual={virtual}
        scroll={virtual ? { x: width, y: isPhone ? PHONE_BODY_HEIGHT : BODY_HEIGHT } : { x: 'max-content' }}
        onScroll={virtual ? onScroll : undefined}
        rowSelection={onSelectedChange ? { selectedRowKeys: selected ?? [], onChange: (keys) => onSelectedChange(keys.map(String)), preserveSelectedRowKeys: true } : undefined}
        locale={{ emptyText }}
        onChange={onChange}
      />
      {hasMore && onLoadMore && (
        <Flex justify="center" ref={sentinel}>
          <Button onClick={onLoadMore} loading={loadingMore} data-testid={props.loadMoreTestId}>
            {props.loadMoreLabel ?? t('lists.loadMore')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

/** What a page passes through an object's table to the list: columns chosen, paging, selection. */
export type RecordListPassThrough<T extends { id: string }> = Pick<
  RecordListProps<T>,
  'visibleColumns' | 'onVisibleColumnsChange' | 'hasMore' | 'loadingMore' | 'onLoadMore' | 'loadMoreTestId' | 'loadMoreLabel' | 'selected' | 'onSelectedChange'
>;
