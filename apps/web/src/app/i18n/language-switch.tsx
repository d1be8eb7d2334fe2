import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, type Language } from '@/lib/language';
import { useChangeLanguage } from './use-change-language';

/** 中文 / English, each named in its own language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Segmented<Language>
      size="small"
      data-testid="language-switch"
      aria-label={t('language.label')}
      value={isLanguage(i18n.language) ? i18n.language : undefined}
      options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      onChange={changeLanguage}
    />
  );
}
