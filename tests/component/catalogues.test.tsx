import { describe, expect, it } from 'vitest';
import { CATALOGUES, LANGUAGES, translate } from '../../src/client/i18n/languages';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues (en, zh-Hant, zh-Hans)', () => {
  const enKeys = Object.keys(CATALOGUES.en).sort();

  it.each(LANGUAGES)('%s has exactly the English key set', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual(enKeys);
  });

  it.each(LANGUAGES)('%s has no empty message', (lang) => {
    const empty = Object.entries(CATALOGUES[lang]).filter(([, v]) => v.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES)('%s uses the same {placeholders} as English in every message', (lang) => {
    const mismatched = Object.entries(CATALOGUES.en)
      .filter(
        ([key, v]) =>
          placeholders(v).join() !== placeholders(CATALOGUES[lang][key as keyof typeof CATALOGUES.en]).join(),
      )
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('the Chinese catalogues are written in their own scripts (值班記錄 / 值班记录, 交接)', () => {
    expect(CATALOGUES['zh-Hant']['nav.log']).toBe('值班記錄');
    expect(CATALOGUES['zh-Hans']['nav.log']).toBe('值班记录');
    expect(CATALOGUES['zh-Hant']['kind.complaint']).toBe('投訴');
    expect(CATALOGUES['zh-Hans']['kind.complaint']).toBe('投诉');
  });

  it('interpolates {name} and leaves unknown placeholders visible', () => {
    expect(translate('en', 'signin.pinFor', { name: 'Chan Tai Man' })).toBe('PIN for Chan Tai Man');
    expect(translate('zh-Hant', 'error.required', { field: '原因' })).toBe('請填寫原因');
    expect(translate('en', 'signin.pinFor')).toBe('PIN for {name}');
  });
});
