import { useMe } from '@/features/identity/api/get-me';
import { usePermissions, type ObjectType } from '@/lib/permissions';
import { userHasRole } from '@/lib/session';

export type Section = 'desk' | 'sales' | 'products' | 'marketing' | 'service' | 'analytics' | 'admin' | 'audit';

/** Menu order. */
export const SECTIONS: readonly Section[] = ['desk', 'sales', 'products', 'marketing', 'service', 'analytics', 'audit', 'admin'];

/** The object types each business module holds; a module is in the menu when the caller may read one of them. */
const MODULE_OBJECTS: Record<'sales' | 'products' | 'marketing' | 'service' | 'analytics', readonly ObjectType[]> = {
  sales: ['account', 'contact', 'opportunity', 'lead', 'activity'],
  // The catalogue and price lists (part of the sales module in the API; its own menu entry for service and quality too).
  products: ['product', 'price_list'],
  // Not built yet: no object types of their own, so they follow "reads any business data" until they get some.
  marketing: [],
  service: [],
  analytics: [],
};
const BUSINESS_OBJECTS: readonly ObjectType[] = ['account', 'contact', 'opportunity', 'lead', 'activity'];
const DESK_OBJECTS: readonly ObjectType[] = ['activity', 'opportunity'];

/**
 * The modules the caller has something to do in, from /me/permissions and their roles: business modules for
 * those who may read their records, administration for system administrators, audit for auditors. Fails closed
 * (no business module) while permissions load or when they cannot be read; the API enforces access anyway.
 */
export function useVisibleSections(): { sections: Section[]; ready: boolean } {
  const permissions = usePermissions();
  const { data: user } = useMe();
  const readsAnything = BUSINESS_OBJECTS.some((type) => permissions.canDo(type, 'read'));
  const visible = (section: Section): boolean => {
    if (section === 'admin') return userHasRole(user, 'system_admin');
    if (section === 'audit') return userHasRole(user, 'auditor');
    // The work desktop shows the caller's to-dos and pipeline: for who reads either.
    if (section === 'desk') return DESK_OBJECTS.some((type) => permissions.canDo(type, 'read'));
    const objects = MODULE_OBJECTS[section];
    return objects.length > 0 ? objects.some((type) => permissions.canDo(type, 'read')) : readsAnything;
  };
  return { sections: SECTIONS.filter(visible), ready: !permissions.isPending && user !== undefined };
}
