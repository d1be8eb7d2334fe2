import type { TFunction } from 'i18next';
import type { Schema } from '@lianxi/api-client';

type ExplainReason = Schema<'ExplainReasonDto'>;

/** i18n keys under `explain.reasons` per reason code (the parameterised `level` and `shared` are built below). */
const SIMPLE: Record<string, string> = {
  no_record: 'noRecord',
  create_by_level: 'create',
  owner: 'owner',
  team: 'team',
  restricted: 'restricted',
  owner_only: 'ownerOnly',
  partner_linked: 'partner',
  partner_not_linked: 'notPartner',
};

/**
 * One reason of the explain endpoint in the UI language, by its code (role keys as role names). A code this SPA does
 * not know yet shows the server's English text, so a new reason is readable, just not translated.
 */
export function localizeReason(reason: ExplainReason, t: TFunction, roleName: (key: string) => string = (key) => key): string {
  const separator = t('explain.reasons.separator');
  switch (reason.code) {
    case 'level': {
      const roles = reason.roles?.length ? reason.roles.map(roleName).join(separator) : t('explain.reasons.noRoles');
      return t('explain.reasons.level', { level: t(`admin.roles.levels.${reason.level ?? 'none'}`), roles });
    }
    case 'shared': {
      const accesses = (reason.shares ?? []).map((access) => (access === 'read' || access === 'edit' ? t(`explain.shareLevels.${access}`) : access));
      return t('explain.reasons.shared', { access: accesses.join(separator) });
    }
    default: {
      const key = SIMPLE[reason.code];
      return key ? t(`explain.reasons.${key}` as never) : reason.text;
    }
  }
}
