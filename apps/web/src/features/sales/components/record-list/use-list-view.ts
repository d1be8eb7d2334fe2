import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { SavedView, SavedViewDefinition, SavedViewObjectType } from '../../api/saved-views';

function readColumns(key: string): string[] | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The state of one list: its filters (query parameters), search text, sort, chosen columns, selection and the saved
 * view it came from. The chosen columns are kept in this browser between visits; a saved view carries them across
 * devices.
 */
export function useListView<S extends string>(objectType: SavedViewObjectType, { urlFilters = [] }: { urlFilters?: readonly string[] } = {}) {
  const storageKey = `lianxi.lists.${objectType}.columns`;
  // A link may open the list already filtered (a report's row opening the records behind it): `urlFilters` names
  // the query parameters taken as the first filters; changing them afterwards stays in the page, as before.
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(urlFilters.flatMap((key) => (searchParams.get(key) ? [[key, searchParams.get(key) as string]] : []))),
  );
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<S | undefined>(undefined);
  const [columns, setColumnsState] = useState<string[] | undefined>(() => readColumns(storageKey));
  const [viewId, setViewId] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string[]>([]);

  function setColumns(keys: string[] | undefined) {
    setColumnsState(keys);
    if (keys) localStorage.setItem(storageKey, JSON.stringify(keys));
    else localStorage.removeItem(storageKey);
  }

  function setFilter(key: string, value: string | undefined) {
    setFilters((previous) => {
      const next = { ...previous };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  }

  /** Shows a saved view as it was saved (or, without one, the list as it comes). */
  function apply(view: SavedView | undefined) {
    setViewId(view?.id);
    const { q, ...rest } = view?.definition.filters ?? {};
    setFilters(rest);
    setSearch(q ?? '');
    setSort(view?.definition.sort as S | undefined);
    setColumns(view?.definition.columns);
    setSelected([]);
  }

  function clearFilters() {
    setFilters({});
    setSearch('');
    setViewId(undefined);
  }

  /** What "save view" stores: the filters with the (debounced) search as `q`, the sort and the chosen columns. */
  function definition(q: string): SavedViewDefinition {
    return { filters: { ...filters, ...(q ? { q } : {}) }, ...(sort ? { sort } : {}), ...(columns ? { columns } : {}) };
  }

  return { objectType, filters, setFilter, search, setSearch, sort, setSort, columns, setColumns, viewId, apply, clearFilters, definition, selected, setSelected };
}

export type ListView<S extends string = string> = ReturnType<typeof useListView<S>>;
