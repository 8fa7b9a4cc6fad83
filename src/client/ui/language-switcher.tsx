import { useId } from 'react';
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../i18n/languages';
import { useT } from '../i18n/use-t';
import { useLanguageStore } from '../state/language-store';

/** The visible language control; each language is named in itself so anyone can find theirs. */
export function LanguageSwitcher() {
  const t = useT();
  const id = useId();
  const language = useLanguageStore((s) => s.language);
  const setLanguage = useLanguageStore((s) => s.setLanguage);
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={language}
        onChange={(e) => {
          if (isLanguage(e.target.value)) setLanguage(e.target.value);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
