import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/features/identity/api/get-me';
import type { User } from '@/lib/api';

export type RoleKey = User['roles'][number]['key'];

export function hasRole(user: User | undefined, role: RoleKey): boolean {
  return user?.roles.some((candidate) => candidate.key === role) ?? false;
}

/** A page only some roles may open; the API enforces the same rule, this only spares a useless screen. */
export function RequireRole({ role, children }: { role: RoleKey; children: ReactNode }) {
  const { t } = useTranslation();
  const { data: user } = useMe();
  if (!user) return null;
  if (!hasRole(user, role)) return <Result status="403" title={t('errors.forbidden.title')} subTitle={t('errors.forbidden.subTitle')} />;
  return children;
}
