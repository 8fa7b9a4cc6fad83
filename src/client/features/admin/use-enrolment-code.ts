import { useState } from 'react';
import type { CreateEnrolmentCodeResponse, DeviceKind } from '../../../domain/api';
import { adminCreateEnrolmentCode } from '../../sync/admin-client';
import { useAdminApi } from './use-admin-api';

/**
 * Creates a one-time enrolment code for another tablet, or (issue 8) for an office device, which
 * skips the desk screens. Made on the server in the admin's name (issue 9 §3: proof headers, not a
 * claimed actor id), so it needs the network; offline the button is off.
 */
export function useEnrolmentCode(staffId: string) {
  const api = useAdminApi(staffId);
  const [kind, setKind] = useState<DeviceKind>('desk');
  const [code, setCode] = useState<CreateEnrolmentCodeResponse | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setCode(await adminCreateEnrolmentCode(api.actor, kind));
    } catch (error) {
      setCode(null);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  /** A new choice of kind hides the code shown, so nobody reads out a code of the other kind. */
  const chooseKind = (next: DeviceKind) => {
    setKind(next);
    setCode(null);
  };

  return { kind, chooseKind, code, failure, busy, online: api.online, create };
}

/** Shows an 8-character code as two groups of four, easier to read out and type. */
export function groupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
