import 'i18next';
import type zhCN from './locales/zh-CN.json';

// Makes t('some.key') a type error when the key does not exist in the reference (Chinese) resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
