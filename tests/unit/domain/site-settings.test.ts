import { describe, expect, it } from 'vitest';
import type { SiteSettings } from '../../../src/domain/entities';
import {
  changedSettings,
  minuteLimits,
  parseMinutes,
  settingsErrorsFromIssues,
  settingsToDraft,
  validateSiteSettings,
  type SiteSettingsDraft,
} from '../../../src/domain/site-settings';

const SAVED: SiteSettings = {
  name: 'Harbour View Tower',
  timeZone: 'Asia/Hong_Kong',
  shifts: [{ id: 'day', name: '09:00-18:00', start: '09:00', end: '18:00' }],
  incomingLeadMinutes: 5,
  outgoingLeadMinutes: 15,
  retentionDays: 730,
  idleSignOutMinutes: 10,
  localWindowDays: 90,
};

const draft = (over: Partial<SiteSettingsDraft> = {}): SiteSettingsDraft => ({ ...settingsToDraft(SAVED), ...over });

describe('building settings as a form edits them (setup and admin)', () => {
  it('reads minutes as whole numbers only', () => {
    expect(parseMinutes(' 15 ')).toBe(15);
    expect(parseMinutes('0')).toBe(0);
    for (const bad of ['', '1.5', '-3', '5 min', 'abc']) expect(parseMinutes(bad)).toBeNaN();
  });

  it('takes the minute ranges from the SiteSettings schema (H1 0-120, idle 1-720)', () => {
    expect(minuteLimits('incomingLeadMinutes')).toEqual({ min: 0, max: 120 });
    expect(minuteLimits('idleSignOutMinutes')).toEqual({ min: 1, max: 720 });
  });

  it('accepts the saved settings and trims names', () => {
    const { retentionDays: _fixedByD5, ...editable } = SAVED;
    const r = validateSiteSettings(draft({ name: '  Harbour View Tower ' }));
    expect(r).toEqual({ ok: true, value: editable });
  });

  it('puts each schema failure on its field, shifts by id', () => {
    const r = validateSiteSettings(
      draft({
        name: ' ',
        timeZone: 'Mars/Olympus',
        shifts: [
          { id: 'day', name: 'Day', start: '9am', end: '18:00' },
          { id: 'n1', name: '', start: '18:00', end: '24:00' },
        ],
        incomingLeadMinutes: '',
        outgoingLeadMinutes: '121',
        idleSignOutMinutes: '0',
      }),
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        name: 'required',
        timeZone: 'timeZone',
        shiftFields: { day: { start: 'time' }, n1: { name: 'required', end: 'time' } },
        incomingLeadMinutes: 'outOfRange',
        outgoingLeadMinutes: 'outOfRange',
        idleSignOutMinutes: 'outOfRange',
      },
    });
  });

  it('refuses two shifts with the same name, and a building without shifts', () => {
    const twins = validateSiteSettings(
      draft({
        shifts: [
          { id: 'a', name: 'Night', start: '18:00', end: '09:00' },
          { id: 'b', name: ' night ', start: '20:00', end: '08:00' },
        ],
      }),
    );
    expect(twins).toEqual({ ok: false, errors: { shiftFields: { b: { name: 'duplicate' } } } });
    expect(validateSiteSettings(draft({ shifts: [] }))).toEqual({ ok: false, errors: { shifts: 'invalid' } });
  });

  it('maps the issues of a thrown ZodError by the shift ids of the patch', () => {
    const issues = [
      { path: ['shifts', 1, 'start'], code: 'invalid_format' },
      { path: ['name'], code: 'too_big' },
    ];
    expect(settingsErrorsFromIssues(issues, ['day', 'night'])).toEqual({
      name: 'tooLong',
      shiftFields: { night: { start: 'time' } },
    });
  });

  it('a patch holds only the changed fields; shift key order does not count as a change', () => {
    const before = { ...SAVED, shifts: [{ start: '09:00', end: '18:00', name: '09:00-18:00', id: 'day' }] };
    expect(changedSettings(before, SAVED)).toEqual({});
    const night = { id: 'n', name: 'Night', start: '18:00', end: '09:00' };
    const after = { ...SAVED, idleSignOutMinutes: 20, shifts: [...SAVED.shifts, night] };
    expect(changedSettings(SAVED, after)).toEqual({ idleSignOutMinutes: 20, shifts: after.shifts });
  });
});
