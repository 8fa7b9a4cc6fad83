import { useState } from 'react';
import { DeviceName, EnrolmentCode } from '../../../domain/api';
import { stringMax } from '../../../domain/text-limits';
import type { DeviceInfo } from '../../db/repos/device-repo';
import type { MessageKey } from '../../i18n/en';
import { ApiRequestError, postEnrol } from '../../sync/api-client';
import { useFocusFirstInvalid } from '../../ui/focus-invalid';
import { useFinishEnrolment } from '../../ui/use-finish-enrolment';

export interface EnrolErrors {
  code?: MessageKey;
  tabletName?: MessageKey;
}

/** The server's limit of a tablet's name, from the shared schema (issue 7). */
export const TABLET_NAME_MAX = stringMax(DeviceName);

/**
 * Enrolment with a one-time code. The code is checked for shape here (a typo is caught without a
 * round trip); the server's invalid_enrolment_code lands beside the code field too.
 */
export function useEnrolForm() {
  const finishEnrolment = useFinishEnrolment();
  const [code, setCode] = useState('');
  const [tabletName, setTabletName] = useState('');
  const [errors, setErrors] = useState<EnrolErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [device, setDevice] = useState<DeviceInfo | null>(null);
  const invalid = useFocusFirstInvalid();

  const submit = async () => {
    const parsed = EnrolmentCode.safeParse(code);
    const next: EnrolErrors = {};
    if (!parsed.success) next.code = code.trim() ? 'enrol.error.codeFormat' : 'error.required';
    if (!tabletName.trim()) next.tabletName = 'error.required';
    else if (tabletName.trim().length > TABLET_NAME_MAX) next.tabletName = 'error.tooLong';
    setErrors(next);
    setFailure(null);
    if (!parsed.success || next.tabletName) return invalid.request();
    setSubmitting(true);
    try {
      const deviceName = tabletName.trim();
      const res = await postEnrol('', { code: parsed.data, deviceName });
      setDevice(await finishEnrolment(res, deviceName));
    } catch (error) {
      if (error instanceof ApiRequestError && error.code === 'invalid_enrolment_code') {
        setErrors({ code: 'enrol.error.invalidCode' });
        invalid.request();
      } else {
        setFailure(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return {
    code,
    setCode,
    tabletName,
    setTabletName,
    errors,
    failure,
    submitting,
    submit,
    device,
    /** A callback ref for the form: its first invalid field gets the focus after a refusal. */
    attachForm: invalid.attach,
  };
}
