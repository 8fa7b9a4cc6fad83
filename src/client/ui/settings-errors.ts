import type { MinuteField, SettingsFieldError } from '../../domain/site-settings';
import type { MessageKey } from '../i18n/en';

/**
 * The message key for a building-settings field error (domain validateSiteSettings), shared by the
 * first-run setup and the admin's Building settings so both say the same thing. `minutes` names
 * the minutes field (or the local window's days, D5), whose range the message states.
 */
export function settingsErrorKey(code: SettingsFieldError, minutes?: MinuteField | 'localWindowDays'): MessageKey {
  switch (code) {
    case 'required':
      return 'error.required';
    case 'tooLong':
      return 'error.tooLong';
    case 'timeZone':
      return 'error.timeZone';
    case 'time':
      return 'error.time';
    case 'duplicate':
      return 'error.shiftNameTaken';
    case 'outOfRange':
      if (minutes === 'localWindowDays') return 'search.error.localWindowDays';
      return minutes === 'idleSignOutMinutes' ? 'error.idleMinutes' : 'error.leadMinutes';
    case 'invalid':
      return 'error.shifts';
  }
}
