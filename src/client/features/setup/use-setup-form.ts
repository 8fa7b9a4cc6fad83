import { useState } from 'react';
import { DeviceName, SetupRequest } from '../../../domain/api';
import { DEFAULT_SHIFT, SiteSettings } from '../../../domain/entities';
import { isValidPin } from '../../../domain/pin';
import {
  DEFAULT_INCOMING_LEAD_MINUTES,
  DEFAULT_OUTGOING_LEAD_MINUTES,
  DEFAULT_RETENTION_DAYS,
  validateSiteSettings,
  type SiteSettingsDraft,
} from '../../../domain/site-settings';
import type { DeviceInfo } from '../../db/repos/device-repo';
import type { MessageKey } from '../../i18n/en';
import { ApiRequestError, postSetup } from '../../sync/api-client';
import { settingsErrorKey } from '../../ui/settings-errors';
import { browserTimeZone } from '../../ui/time';
import { fieldMax, stringMax } from '../../../domain/text-limits';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useDirtyForm } from '../../ui/use-dirty-form';
import { useFinishEnrolment } from '../../ui/use-finish-enrolment';

export interface SetupValues {
  buildingName: string;
  timeZone: string;
  shiftStart: string;
  shiftEnd: string;
  idleMinutes: string;
  adminName: string;
  pin: string;
  confirmPin: string;
  tabletName: string;
}

type FieldName = keyof SetupValues;
/** Field errors as message keys, translated by the screen. */
export type SetupErrors = Partial<Record<FieldName, MessageKey>>;

export const SETUP_STEPS = [
  ['buildingName', 'timeZone', 'shiftStart', 'shiftEnd', 'idleMinutes'],
  ['adminName', 'pin', 'confirmPin'],
  ['tabletName'],
] as const satisfies readonly (readonly FieldName[])[];

/** The one shift a building starts with (S2: 09:00-18:00 unless changed); more come from Admin. */
const FIRST_SHIFT_ID = DEFAULT_SHIFT.id;

/** The building step as the shared settings draft, so setup and Admin check it by the same rules. */
function siteDraft(v: SetupValues): SiteSettingsDraft {
  return {
    name: v.buildingName,
    timeZone: v.timeZone,
    shifts: [{ id: FIRST_SHIFT_ID, name: `${v.shiftStart}-${v.shiftEnd}`, start: v.shiftStart, end: v.shiftEnd }],
    // H1: lead times 5 and 15 minutes until an admin changes them.
    incomingLeadMinutes: String(DEFAULT_INCOMING_LEAD_MINUTES),
    outgoingLeadMinutes: String(DEFAULT_OUTGOING_LEAD_MINUTES),
    idleSignOutMinutes: v.idleMinutes,
  };
}

/** The server's limits of the typed names, from the shared schemas (issue 7). */
export const SETUP_LIMITS = {
  buildingName: fieldMax(SiteSettings, 'name'),
  adminName: fieldMax(SetupRequest.shape.admin, 'name'),
  tabletName: stringMax(DeviceName),
};

/**
 * Checks every step. The building step goes through domain validateSiteSettings (the SiteSettings
 * schema), the same check Admin's Building settings uses; `site` is the checked settings, or null.
 */
function check(v: SetupValues): { errors: SetupErrors; site: SiteSettings | null } {
  const e: SetupErrors = {};
  const checked = validateSiteSettings(siteDraft(v));
  if (!checked.ok) {
    const s = checked.errors;
    const shift = s.shiftFields?.[FIRST_SHIFT_ID] ?? {};
    if (s.name) e.buildingName = settingsErrorKey(s.name);
    if (s.timeZone) e.timeZone = settingsErrorKey(s.timeZone);
    if (shift.start) e.shiftStart = settingsErrorKey(shift.start);
    if (shift.end) e.shiftEnd = settingsErrorKey(shift.end);
    if (s.idleSignOutMinutes) e.idleMinutes = settingsErrorKey(s.idleSignOutMinutes, 'idleSignOutMinutes');
  }
  if (!v.adminName.trim()) e.adminName = 'error.required';
  else if (v.adminName.trim().length > SETUP_LIMITS.adminName) e.adminName = 'error.tooLong';
  if (!isValidPin(v.pin)) e.pin = 'error.pinInvalid';
  if (v.confirmPin !== v.pin) e.confirmPin = 'error.pinMismatch';
  if (!v.tabletName.trim()) e.tabletName = 'error.required';
  else if (v.tabletName.trim().length > SETUP_LIMITS.tabletName) e.tabletName = 'error.tooLong';
  // D5: records are kept two years.
  return { errors: e, site: checked.ok ? { ...checked.value, retentionDays: DEFAULT_RETENTION_DAYS } : null };
}

/**
 * The first-run wizard's state: three steps, each checked before moving on, then one request that
 * creates the building and its first admin and enrols this tablet. Issue 9: the server hashes the
 * PIN itself and keeps the admin's proof key.
 */
export function useSetupForm() {
  const finishEnrolment = useFinishEnrolment();
  const [values, setValues] = useState<SetupValues>(() => ({
    buildingName: '',
    timeZone: browserTimeZone(),
    shiftStart: DEFAULT_SHIFT.start,
    shiftEnd: DEFAULT_SHIFT.end,
    idleMinutes: '10',
    adminName: '',
    pin: '',
    confirmPin: '',
    tabletName: '',
  }));
  const [step, setStep] = useState(0);
  const [errors, setErrors] = useState<SetupErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [device, setDevice] = useState<DeviceInfo | null>(null);
  useDirtyForm('setup', device === null && (values.buildingName !== '' || values.adminName !== ''));
  const invalid = useFocusFirstInvalid();

  const set = (name: FieldName, value: string) => setValues((v) => ({ ...v, [name]: value }));

  /** Errors of the given step only, so later steps do not complain before they are shown. */
  const stepErrors = (index: number): SetupErrors => {
    const all = check(values).errors;
    const fields: readonly FieldName[] = SETUP_STEPS[index] ?? [];
    return Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k as FieldName)));
  };

  const next = () => {
    const e = stepErrors(step);
    setErrors(e);
    if (Object.keys(e).length === 0) setStep((s) => Math.min(s + 1, SETUP_STEPS.length - 1));
    else invalid.request();
  };
  const back = () => {
    setErrors({});
    setStep((s) => Math.max(0, s - 1));
  };

  const submit = async () => {
    const { errors: e, site } = check(values);
    setErrors(e);
    if (!site || Object.keys(e).length > 0) {
      const firstBad = SETUP_STEPS.findIndex((fields) => fields.some((f) => e[f]));
      if (firstBad >= 0) setStep(firstBad);
      invalid.request();
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      // Issue 9: the server hashes the PIN (sent once over HTTPS); the setup code field is the https slice's.
      const body: SetupRequest = {
        setupCode: '',
        site,
        admin: { name: values.adminName.trim(), pin: values.pin },
        deviceName: values.tabletName.trim(),
      };
      const res = await postSetup('', body);
      setDevice(await finishEnrolment(res, body.deviceName));
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  };

  const alreadySetUp = failure instanceof ApiRequestError && failure.code === 'already_set_up';
  return {
    values,
    set,
    step,
    next,
    back,
    errors,
    submit,
    submitting,
    failure,
    alreadySetUp,
    device,
    /** A callback ref for the form: its first invalid field gets the focus after a refused step. */
    attachForm: invalid.attach,
  };
}
