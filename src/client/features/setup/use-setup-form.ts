import { useState } from 'react';
import type { SetupRequest } from '../../../domain/api';
import { isValidTimeZone, type SiteSettings } from '../../../domain/entities';
import { hashPin, isValidPin } from '../../../domain/pin';
import type { DeviceInfo } from '../../db/repos/device-repo';
import type { MessageKey } from '../../i18n/en';
import { ApiRequestError, postSetup } from '../../sync/api-client';
import { browserTimeZone } from '../../ui/time';
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

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function validate(v: SetupValues): SetupErrors {
  const e: SetupErrors = {};
  if (!v.buildingName.trim()) e.buildingName = 'error.required';
  if (!isValidTimeZone(v.timeZone)) e.timeZone = 'error.timeZone';
  if (!CLOCK.test(v.shiftStart)) e.shiftStart = 'error.time';
  if (!CLOCK.test(v.shiftEnd)) e.shiftEnd = 'error.time';
  const idle = Number(v.idleMinutes);
  if (!Number.isInteger(idle) || idle < 1 || idle > 720) e.idleMinutes = 'error.idleMinutes';
  if (!v.adminName.trim()) e.adminName = 'error.required';
  if (!isValidPin(v.pin)) e.pin = 'error.pinInvalid';
  if (v.confirmPin !== v.pin) e.confirmPin = 'error.pinMismatch';
  if (!v.tabletName.trim()) e.tabletName = 'error.required';
  return e;
}

function siteSettings(v: SetupValues): SiteSettings {
  return {
    name: v.buildingName.trim(),
    timeZone: v.timeZone,
    // S2: one shift by default; H1 lead times 5 and 15 minutes; D5 records kept two years.
    shifts: [{ id: 'day', name: `${v.shiftStart}-${v.shiftEnd}`, start: v.shiftStart, end: v.shiftEnd }],
    incomingLeadMinutes: 5,
    outgoingLeadMinutes: 15,
    retentionDays: 730,
    idleSignOutMinutes: Number(v.idleMinutes),
  };
}

/**
 * The first-run wizard's state: three steps, each checked before moving on, then one request that
 * creates the building and its first admin and enrols this tablet. The PIN is hashed here; only
 * the slow hash reaches the server.
 */
export function useSetupForm() {
  const finishEnrolment = useFinishEnrolment();
  const [values, setValues] = useState<SetupValues>(() => ({
    buildingName: '',
    timeZone: browserTimeZone(),
    shiftStart: '09:00',
    shiftEnd: '18:00',
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

  const set = (name: FieldName, value: string) => setValues((v) => ({ ...v, [name]: value }));

  /** Errors of the given step only, so later steps do not complain before they are shown. */
  const stepErrors = (index: number): SetupErrors => {
    const all = validate(values);
    const fields: readonly FieldName[] = SETUP_STEPS[index] ?? [];
    return Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k as FieldName)));
  };

  const next = () => {
    const e = stepErrors(step);
    setErrors(e);
    if (Object.keys(e).length === 0) setStep((s) => Math.min(s + 1, SETUP_STEPS.length - 1));
  };
  const back = () => {
    setErrors({});
    setStep((s) => Math.max(0, s - 1));
  };

  const submit = async () => {
    const e = validate(values);
    setErrors(e);
    if (Object.keys(e).length > 0) {
      const firstBad = SETUP_STEPS.findIndex((fields) => fields.some((f) => e[f]));
      if (firstBad >= 0) setStep(firstBad);
      return;
    }
    setSubmitting(true);
    setFailure(null);
    try {
      const body: SetupRequest = {
        site: siteSettings(values),
        admin: { name: values.adminName.trim(), pinHash: await hashPin(values.pin) },
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
  return { values, set, step, next, back, errors, submit, submitting, failure, alreadySetUp, device };
}
