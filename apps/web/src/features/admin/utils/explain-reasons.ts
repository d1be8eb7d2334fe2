import type { TFunction } from 'i18next';

const LEVELS = ['none', 'own', 'team', 'subtree', 'all'] as const;
type Level = (typeof LEVELS)[number];

function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/**
 * The explain endpoint's reasons are English sentences; the known ones are shown in the UI language (role keys as
 * role names), anything else as sent (a new server reason is then readable, just not translated).
 */
export function localizeReason(reason: string, t: TFunction, roleName: (key: string) => string = (key) => key): string {
  const level = /^level (\w+) from roles (.*)$/.exec(reason);
  if (level?.[1] && isLevel(level[1])) {
    const roles = level[2] === '(none)' || !level[2] ? t('explain.reasons.noRoles') : level[2].split(', ').map(roleName).join(t('explain.reasons.separator'));
    return t('explain.reasons.level', { level: t(`admin.roles.levels.${level[1]}`), roles });
  }
  const shared = /^shared with the user or their team \((.*)\)$/.exec(reason);
  if (shared) {
    const accesses = (shared[1] ?? '').split(', ').map((access) => (access === 'read' || access === 'edit' ? t(`explain.shareLevels.${access}`) : access));
    return t('explain.reasons.shared', { access: accesses.join(t('explain.reasons.separator')) });
  }
  switch (reason) {
    case 'no such record':
      return t('explain.reasons.noRecord');
    case 'create is not about an existing record: the level decides':
      return t('explain.reasons.create');
    case 'the user owns the record':
      return t('explain.reasons.owner');
    case "the record belongs to the user's team":
      return t('explain.reasons.team');
    case 'restricted: only the owner and explicit shares may see it':
      return t('explain.reasons.restricted');
    case 'owner-only: only the owner may change or delete it':
      return t('explain.reasons.ownerOnly');
    case "linked to the user's partner account":
      return t('explain.reasons.partner');
    case "not linked to the user's partner account":
      return t('explain.reasons.notPartner');
    default:
      return reason;
  }
}
