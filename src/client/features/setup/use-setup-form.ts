import { useState } from 'react';
import { DeviceName, SetupRequest } from '../../../domain/api';
import { DEFAULT_SHIFT, SiteSettings } from '../../../domain/entities';
import { isValidPinFor, pinMinLength } from '../../../domain/pin';
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
  /** Issue 9 §7: the one-time code the server printed on its console. */
  setupCode: string;
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
  ['setupCode', 'buildingName', 'timeZone', 'shiftStart', 'shiftEnd', 'idleMinutes'],
  ['adminName', 'pin', 'confirmPin'],
  ['tabletName'],
] as const satisfies readonly (readonly FieldName[])[];

/** Issue 9 §3: the first admin's PIN length (6 to 8 digits), shown in the hint and the error. */
export const ADMIN_PIN_LENGTH = { min: pinMinLength('admin'), max: 8 };

/** The setup code as typed, without spaces or dashes and in capitals (the server compares it so). */
export function normaliseSetupCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}
const SETUP_CODE_PATTERN = /^[A-Z0-9]{8}$/;

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
  if (!v.setupCode.trim()) e.setupCode = 'error.required';
  else if (!SETUP_CODE_PATTERN.test(normaliseSetupCode(v.setupCode))) e.setupCode = 'https.setup.codeFormat';
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
  if (!isValidPinFor('admin', v.pin)) e.pin = 'https.setup.pinAdmin';
  if (v.confirmPin !== v.pin) e.confirmPin = 'error.pinMismatch';
  if (!v.tabletName.trim()) e.tabletName = 'error.required';
  else if (v.tabletName.trim().length > SETUP_LIMITS.tabletName) e.tabletName = 'error.tooLong';
  // D5: records are kept two years.
  return { errors: e, site: checked.ok ? { ...checked.value, retentionDays: DEFAULT_RETENTION_DAYS } : null };
}

/** Where the server's refusal of a field lands: beside that field, on its step. */
const SERVER_FIELD_ERRORS = new Map<string, { field: FieldName; key: MessageKey }>([
  ['setup_code_invalid', { field: 'setupCode', key: 'error.code.setup_code_invalid' }],
  ['weak_pin', { field: 'pin', key: 'https.setup.pinAdmin' }],
]);

/**
 * The first-run wizard's state: three steps, each checked before moving on, then one request that
 * creates the building and its first admin and enrols this tablet. Issue 9: the request carries
 * the setup code from the server's console, and the PIN itself (over HTTPS only: the screen
 * refuses outside a secure context), which the server hashes.
 */
export function useSetupForm() {
  const finishEnrolment = useFinishEnrolment();
  const [values, setValues] = useState<SetupValues>(() => ({
    setupCode: '',
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
      const body: SetupRequest = {
        setupCode: normaliseSetupCode(values.setupCode),
        site,
        admin: { name: values.adminName.trim(), pin: values.pin },
        deviceName: values.tabletName.trim(),
      };
      // Until the auth-server slice's SetupRequest (this shape) is merged, the old type is named here.
      const res = await postSetup('', body as unknown as SetupRequest);
      setDevice(await finishEnrolment(res, body.deviceName));
    } catch (error) {
      const onField = error instanceof ApiRequestError ? SERVER_FIELD_ERRORS.get(error.code) : undefined;
      if (onField) {
        setErrors({ [onField.field]: onField.key });
        setStep(SETUP_STEPS.findIndex((fields) => (fields as readonly FieldName[]).includes(onField.field)));
        invalid.request();
      } else setFailure(error);
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
