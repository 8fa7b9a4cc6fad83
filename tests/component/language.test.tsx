import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/client/app';
import { detectLanguage } from '../../src/client/i18n/languages';
import { LANGUAGE_STORAGE_KEY, useLanguageStore } from '../../src/client/state/language-store';
import { fakeEngine, seedStaff, seedTablet } from './helpers';

describe('language', () => {
  it('is detected from the browser languages: TW/HK/MO/Hant write Traditional, CN/SG/Hans/zh Simplified', () => {
    expect(detectLanguage(['zh-TW'])).toBe('zh-Hant');
    expect(detectLanguage(['zh-HK', 'en'])).toBe('zh-Hant');
    expect(detectLanguage(['zh-MO'])).toBe('zh-Hant');
    expect(detectLanguage(['zh-Hant'])).toBe('zh-Hant');
    expect(detectLanguage(['zh-Hans-HK'])).toBe('zh-Hans');
    expect(detectLanguage(['zh-CN'])).toBe('zh-Hans');
    expect(detectLanguage(['zh-SG'])).toBe('zh-Hans');
    expect(detectLanguage(['zh'])).toBe('zh-Hans');
    expect(detectLanguage(['fr-FR', 'zh-TW'])).toBe('zh-Hant');
    expect(detectLanguage(['en-GB', 'zh-TW'])).toBe('en');
    expect(detectLanguage(['fr-FR'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('the switcher changes the UI language and <html lang>, and the choice is remembered', async () => {
    const user = userEvent.setup();
    const tablet = await seedTablet();
    await seedStaff(tablet, { name: '陳大文' });
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: 'Who is signing in?' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), '繁體中文');
    expect(screen.getByRole('heading', { name: '請選擇登入的員工' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '同步狀態' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-Hant');
    expect(JSON.parse(localStorage.getItem(LANGUAGE_STORAGE_KEY) ?? '{}')).toMatchObject({
      state: { language: 'zh-Hant' },
    });

    await user.selectOptions(screen.getByRole('combobox', { name: '語言' }), '简体中文');
    expect(screen.getByRole('heading', { name: '请选择登录的员工' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-Hans');
  });

  it('a remembered choice is restored when the app starts again', async () => {
    const tablet = await seedTablet();
    // What an earlier visit left behind; a fresh start reads it back.
    localStorage.setItem(LANGUAGE_STORAGE_KEY, JSON.stringify({ state: { language: 'zh-Hant' }, version: 0 }));
    await act(() => useLanguageStore.persist.rehydrate());
    render(<App db={tablet.db} engine={fakeEngine()} />);
    expect(await screen.findByRole('heading', { name: '請選擇登入的員工' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: '語言' })).toHaveValue('zh-Hant');
  });
});
