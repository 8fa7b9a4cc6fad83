import { useState } from 'react';
import type { CreateEnrolmentCodeResponse, DeviceKind } from '../../../domain/api';
import { getDevice } from '../../db/repos/device-repo';
import { requireProofKey } from '../../state/proof-keys';
import { createEnrolmentCode } from '../../sync/actor-request';
import { useClockOffset } from '../../ui/use-now';
import { useDb } from '../../ui/db-context';

/**
 * Creates a one-time enrolment code for another tablet, or (issue 8) for an office device, which
 * skips the desk screens. This is the one admin action that needs the server at that moment (the
 * code must exist there), so offline it says so instead.
 */
export function useEnrolmentCode(staffId: string) {
  const db = useDb();
  const [kind, setKind] = useState<DeviceKind>('desk');
  const [code, setCode] = useState<CreateEnrolmentCodeResponse | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const offsetMs = useClockOffset();

  const create = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const device = await getDevice(db);
      if (!device) throw new Error('This tablet is not enrolled');
      // Issue 9 §3: the admin is proven by their proof key (kept in memory since they typed the PIN).
      const actor = {
        baseUrl: '',
        token: device.token,
        deviceId: device.deviceId,
        staffId,
        proofKey: requireProofKey(staffId),
        at: Date.now() + (offsetMs ?? 0),
      };
      setCode(await createEnrolmentCode(actor, kind));
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

  return { kind, chooseKind, code, failure, busy, create };
}

/** Shows an 8-character code as two groups of four, easier to read out and type. */
export function groupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
