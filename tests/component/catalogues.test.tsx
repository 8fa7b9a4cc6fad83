import { describe, expect, it } from 'vitest';
import { ITEM_CATEGORIES } from '../../src/domain/entities';
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

  it.each(LANGUAGES)('%s names each item category the same in the count and the register (H8)', (lang) => {
    const differ = ITEM_CATEGORIES.filter(
      (c) => CATALOGUES[lang][`count.category.${c}`] !== CATALOGUES[lang][`register.category.${c}`],
    );
    expect(differ).toEqual([]);
    expect(CATALOGUES[lang]['handover.carry.custody']).toBe(CATALOGUES[lang]['register.category.custody']);
  });

  it.each(LANGUAGES)('%s says "overdue" with one word in the count, the handover and the register', (lang) => {
    const m = CATALOGUES[lang];
    expect(m['count.overdue']).toBe(m['register.item.overdue']);
    expect(m['handover.loan.overdue']).toBe(m['register.item.overdue']);
    // The loan list shouts it (capitals in English), but it is the same word.
    expect(m['register.loans.overdue'].toLowerCase()).toBe(m['register.item.overdue'].toLowerCase());
    expect(m['nav.register.overdue']).toContain(m['register.item.overdue'].toLowerCase());
  });

  it('interpolates {name} and leaves unknown placeholders visible', () => {
    expect(translate('en', 'signin.pinFor', { name: 'Chan Tai Man' })).toBe('PIN for Chan Tai Man');
    expect(translate('zh-Hant', 'error.required', { field: '原因' })).toBe('請填寫原因');
    expect(translate('en', 'signin.pinFor')).toBe('PIN for {name}');
  });
});
