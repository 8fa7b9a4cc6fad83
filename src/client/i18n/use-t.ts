import { useCallback } from 'react';
import { useLanguageStore } from '../state/language-store';
import type { MessageKey } from './en';
import { translate, type MessageParams } from './languages';

/** A translate function bound to the current language. */
export type TFunction = (key: MessageKey, params?: MessageParams) => string;

/** Returns `t(key, params)` for the chosen language; components re-render when it changes. */
export function useT(): TFunction {
  const language = useLanguageStore((s) => s.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}
