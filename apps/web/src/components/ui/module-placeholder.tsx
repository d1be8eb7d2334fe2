import { Card, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-header';

/** A module that is not built yet: says so, in the UI language, and what it will hold. */
export function ModulePlaceholder({ title, description, icon }: { title: string; description: string; icon: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <Result icon={icon} title={t('modules.comingSoon', { module: title })} subTitle={description} />
      </Card>
    </>
  );
}
