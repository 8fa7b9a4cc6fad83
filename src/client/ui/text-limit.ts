/** Numbers in limit messages, grouped the way the chosen language writes them ("2,805"). */
import { useMemo } from 'react';
import { useLanguageStore } from '../state/language-store';

/** Formats a count of characters in the UI's language. */
export function useFormatCount(): (n: number) => string {
  const language = useLanguageStore((s) => s.language);
  return useMemo(() => {
    const format = new Intl.NumberFormat(language);
    return (n: number) => format.format(n);
  }, [language]);
}
