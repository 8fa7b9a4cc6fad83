/**
 * The three languages, their catalogues, browser-language detection and message formatting.
 * Pure: no React, no store, so the service worker or a test can format a message too.
 */
import { en, type MessageKey, type Messages } from './en';
import { zhHans } from './zh-hans';
import { zhHant } from './zh-hant';

export const LANGUAGES = ['en', 'zh-Hant', 'zh-Hans'] as const;
export type Language = (typeof LANGUAGES)[number];

/** How each language names itself in the switcher (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  'zh-Hant': '繁體中文',
  'zh-Hans': '简体中文',
};

export const CATALOGUES: Record<Language, Messages> = { en, 'zh-Hant': zhHant, 'zh-Hans': zhHans };

export type MessageParams = Record<string, string | number>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the first supported language from the browser's preference list. Chinese tags are mapped
 * by script first, then by region: Taiwan, Hong Kong and Macau write Traditional; mainland China,
 * Singapore and a bare `zh` write Simplified.
 */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (lower !== 'zh' && !lower.startsWith('zh-')) continue;
    const parts = lower.split('-');
    if (parts.includes('hant')) return 'zh-Hant';
    if (parts.includes('hans')) return 'zh-Hans';
    if (parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo')) return 'zh-Hant';
    return 'zh-Hans';
  }
  return 'en';
}

/** Formats a message: `{name}` is replaced by `params.name`; unknown placeholders stay visible. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGUES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export type { MessageKey, Messages };
