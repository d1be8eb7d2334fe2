import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDirectoryUser } from '@/lib/directory';
import { localizedName } from '@/lib/localized';

/**
 * A user's name in the UI language ("(you)" for the signed-in user), from the colleague directory. Someone the
 * directory does not know (someone outside a partner's company) gets a neutral label with the end
 * of the id, the full id as its tooltip, so two different people still look different.
 */
export function UserName({ id, testId }: { id: string | null | undefined; testId?: string }) {
  const { t, i18n } = useTranslation();
  const { user, isSelf, isPending } = useDirectoryUser(id);
  if (!id) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (!user) {
    return (
      <Typography.Text type="secondary" title={id} data-testid={testId}>
        {isPending ? '…' : t('common.unknownUser', { id: id.slice(-6) })}
      </Typography.Text>
    );
  }
  const name = localizedName(user, i18n.language);
  return (
    <span title={user.email} data-testid={testId}>
      {isSelf ? t('common.you', { name }) : user.active ? name : t('common.deactivatedUser', { name })}
    </span>
  );
}
