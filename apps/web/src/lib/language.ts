import type { Schema } from '@lianxi/api-client';

/** The UI languages are exactly the profile locales the API accepts. */
export type Language = Schema<'UserDto'>['locale'];

export const LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly Language[];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'lianxi.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language === value);
}

function fromBrowser(): Language | undefined {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return undefined;
}

function readStored(): Language | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be disabled (privacy mode); the language then lasts for the page only.
    return undefined;
  }
}

/** Before sign-in: the language chosen last on this browser, else the browser's, else Chinese. */
export function initialLanguage(): Language {
  return readStored() ?? fromBrowser() ?? DEFAULT_LANGUAGE;
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See readStored.
  }
}
