import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import { DEFAULT_LANGUAGE, initialLanguage, LANGUAGES } from '@/lib/language';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

// Synchronous init: resources are bundled, so the first render already has its strings.
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

function syncDocument(language: string): void {
  document.documentElement.lang = language;
  document.title = i18n.t('app.name');
}
syncDocument(i18n.language);
i18n.on('languageChanged', syncDocument);

export default i18n;
