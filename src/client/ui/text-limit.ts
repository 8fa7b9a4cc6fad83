/**
 * Numbers in limit messages, grouped the way the chosen language writes them ("2,805"), and the
 * limits of a form's fields read from the shared schema (issue 7: one source for every limit).
 */
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

/** `{max, value}` for Field's `limit`, for each field of a form whose limits come from `fieldMaxes`. */
export function limitsOf<K extends string>(
  maxes: Readonly<Record<K, number>>,
  values: Readonly<Record<K, string>>,
): (field: K) => { max: number; value: string } {
  return (field) => ({ max: maxes[field], value: values[field] });
}
