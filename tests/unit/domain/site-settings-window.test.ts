import { describe, expect, it } from 'vitest';
import {
  changedSettings,
  localWindowLimits,
  settingsToDraft,
  validateSiteSettings,
  type EditableSiteSettings,
} from '../../../src/domain/site-settings';

const saved: EditableSiteSettings = {
  name: 'Harbour Centre',
  timeZone: 'Asia/Hong_Kong',
  shifts: [{ id: 'day', name: 'Day', start: '09:00', end: '18:00' }],
  incomingLeadMinutes: 5,
  outgoingLeadMinutes: 15,
  idleSignOutMinutes: 30,
  localWindowDays: 60,
};

describe("the tablet's local window in the building settings (D5)", () => {
  it('D5: keeps the saved window when another field is edited, and saves a new one as its own patch', () => {
    const draft = settingsToDraft(saved);
    expect(draft.localWindowDays).toBe('60');
    const same = validateSiteSettings({ ...draft, name: 'Harbour Centre 海港中心' });
    expect(same.ok && changedSettings(saved, same.value)).toEqual({ name: 'Harbour Centre 海港中心' });
    const wider = validateSiteSettings({ ...draft, localWindowDays: '120' });
    expect(wider.ok && changedSettings(saved, wider.value)).toEqual({ localWindowDays: 120 });
  });

  it('refuses a window outside the schema range or not a whole number, beside the field', () => {
    const { min, max } = localWindowLimits();
    expect([min, max]).toEqual([7, 730]);
    for (const bad of ['6', '731', '', '30.5', 'ninety']) {
      const check = validateSiteSettings({ ...settingsToDraft(saved), localWindowDays: bad });
      expect(check, bad).toEqual({ ok: false, errors: { localWindowDays: 'outOfRange' } });
    }
  });

  it('the first-run setup, which has no such field, gets the default of 90 days', () => {
    const { localWindowDays: _omitted, ...draft } = settingsToDraft(saved);
    const check = validateSiteSettings(draft);
    expect(check.ok && check.value.localWindowDays).toBe(90);
  });
});
