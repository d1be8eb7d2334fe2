import { Tooltip } from 'antd';
import { cloneElement, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions, type ObjectType, type PermissionAction, type RecordAccess, type RecordAction } from '@/lib/permissions';

type CanRule =
  /** Object level, from /me/permissions: the caller's level for `action` on `objectType` is not `none`. */
  | { objectType: ObjectType; action: PermissionAction; record?: never }
  /** Record level, from the record's `myAccess` (undefined while it loads: not allowed). */
  | { record: RecordAccess | undefined; action: RecordAction; objectType?: never };

export type CanProps = CanRule & {
  /** What to do when the rule says no: leave the control out (default) or show it disabled with `reason`. */
  mode?: 'hide' | 'disable';
  /** Why it is not allowed, as the disabled control's tooltip; defaults to a generic "your access does not allow this". */
  reason?: string;
  children: ReactElement<{ disabled?: boolean }>;
};

/**
 * The one permission gate of the UI: shows its child (a button, a link) only when the caller may act, hides it or
 * disables it with a tooltip saying why otherwise. It spares useless clicks; the API enforces the same rules anyway.
 */
export function Can({ mode = 'hide', reason, children, ...rule }: CanProps) {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const allowed = rule.objectType !== undefined ? permissions.canDo(rule.objectType, rule.action) : Boolean(rule.record?.[rule.action]);

  if (allowed) return children;
  if (mode === 'hide') return null;
  return (
    <Tooltip title={reason ?? t('can.notAllowed')}>
      {/* A disabled button fires no mouse events, so the tooltip listens on a wrapper. */}
      <span style={{ display: 'inline-block', cursor: 'not-allowed' }}>
        {cloneElement(children, { disabled: true })}
      </span>
    </Tooltip>
  );
}
