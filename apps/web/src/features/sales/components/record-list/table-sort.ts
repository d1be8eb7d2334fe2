import type { TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';

/**
 * Header sorting of a list wired to the API's `sort` parameter (`field` or `-field`). `keys` maps a column key to its
 * sort key where they differ (a quote's `prices` column sorts by `grandTotal`). `byDefault`: the order the list has
 * when no sort is chosen (the column shows it). The page offers a column as sortable only when the caller reads its
 * field in clear: the API refuses the rest.
 */
export function sortColumn(sort: string | undefined, columnKey: string, sortKey: string = columnKey, byDefault?: 'ascend' | 'descend') {
  let order: SortOrder = null;
  if (sort === sortKey) order = 'ascend';
  else if (sort === `-${sortKey}`) order = 'descend';
  else if (sort === undefined && byDefault) order = byDefault;
  // The list's default order comes first, so a click on its column turns it round rather than clearing it.
  const directions: SortOrder[] = byDefault === 'descend' ? ['descend', 'ascend'] : ['ascend', 'descend'];
  return { sorter: true, sortOrder: order, sortDirections: directions };
}

/** The table's onChange for header sorting: the new `sort` (undefined when the sort is cleared). */
export function onSortChange<T>(keys: Record<string, string>, setSort: (sort: string | undefined) => void): TableProps<T>['onChange'] {
  return (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const sortKey = keys[String(single?.columnKey ?? '')];
    if (!single?.order || !sortKey) return setSort(undefined);
    setSort(single.order === 'descend' ? `-${sortKey}` : sortKey);
  };
}
