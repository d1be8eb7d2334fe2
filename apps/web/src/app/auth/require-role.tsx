import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/features/identity/api/get-me';
import type { User } from '@/lib/api';
import { userHasRole, type RoleKey } from '@/lib/session';

export type { RoleKey } from '@/lib/session';

export function hasRole(user: User | undefined, role: RoleKey): boolean {
  return userHasRole(user, role);
}

/** A page only some roles may open (any of `role`); the API enforces the same rule, this only spares a useless screen. */
export function RequireRole({ role, children }: { role: RoleKey | readonly RoleKey[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: user } = useMe();
  if (!user) return null;
  const roles: readonly RoleKey[] = typeof role === 'string' ? [role] : role;
  if (!roles.some((candidate) => hasRole(user, candidate))) {
    return <Result status="403" title={t('errors.forbidden.title')} subTitle={t('errors.forbidden.subTitle')} />;
  }
  return children;
}
