import { useEffect } from 'react';
import { useLanguageStore } from '../state/language-store';

/**
 * Keeps `<html lang>` in step with the chosen language, so the browser picks Traditional or
 * Simplified glyph forms and the matching system font stack (styles/base.css).
 */
export function useHtmlLang(): void {
  const language = useLanguageStore((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}
