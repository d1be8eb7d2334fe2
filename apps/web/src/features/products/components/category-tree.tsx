import { Tree, type TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localizedName } from '@/lib/localized';
import type { ProductCategory } from '../api/products';

/** The category tree as a filter: selecting a node shows its products and those of the categories below it. */
export function CategoryTree({ categories, selected, onSelect }: { categories: ProductCategory[]; selected: string | undefined; onSelect: (id: string | undefined) => void }) {
  const { i18n } = useTranslation();
  const treeData = useMemo(() => {
    const nodes = new Map<string, TreeDataNode & { children: TreeDataNode[] }>();
    const roots: TreeDataNode[] = [];
    // The API lists parents before their children.
    for (const category of categories) {
      const node = { key: category.id, title: <span data-testid={`category-${category.id}`}>{localizedName(category, i18n.language)}</span>, children: [] };
      nodes.set(category.id, node);
      const parent = category.parentId ? nodes.get(category.parentId) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }, [categories, i18n.language]);
  return (
    <Tree
      blockNode
      defaultExpandAll
      treeData={treeData}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => onSelect(keys.length ? String(keys[0]) : undefined)}
      data-testid="category-tree"
    />
  );
}
