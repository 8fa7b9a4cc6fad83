/**
 * The chosen UI language. Starts from the browser's languages and is remembered in localStorage,
 * so a tablet keeps the language its desk chose across reloads.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { detectLanguage, isLanguage, type Language } from '../i18n/languages';

export interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const LANGUAGE_STORAGE_KEY = 'handover-desk:language';

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

export const useLanguageStore = create<LanguageState>()(
  persist(
    (set) => ({
      language: detectLanguage(browserLanguages()),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: LANGUAGE_STORAGE_KEY,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language }),
      // A catalogue removed in a later version must not leave the UI without messages.
      merge: (persisted, current) => {
        const language = (persisted as { language?: unknown } | undefined)?.language;
        return isLanguage(language) ? { ...current, language } : current;
      },
    },
  ),
);
