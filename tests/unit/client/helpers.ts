/** Shared set-up for the data-layer tests: a fresh fake-indexeddb database, enrolled. */
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import type { LogEntryFields } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import { openHandoverDb } from '../../../src/client/db/open';
import { saveEnrolment } from '../../../src/client/db/repos/device-repo';
import { forgetProofKeys, rememberProofKey } from '../../../src/client/state/proof-keys';
import type { HandoverDb } from '../../../src/client/db/schema';

let n = 0;
const openDbs: HandoverDb[] = [];

/** Closes and deletes, after each test, every database a test opened through these helpers. */
afterEach(async () => {
  await Promise.all(openDbs.splice(0).map(closeAndDelete));
  // Issue 9: proof keys are page memory; no test inherits another's.
  forgetProofKeys();
});

/**
 * Issue 9 §3: gives `staffId` a proof key in the page's memory, as if their PIN had been typed, for
 * data-layer tests whose people have no staff row (the sign-in path itself is tested in
 * pin-proof.test.ts). Returns the key, to verify the proofs of the ops it signed.
 */
export function typedPin(staffId: string): Uint8Array {
  const key = crypto.getRandomValues(new Uint8Array(32));
  rememberProofKey(staffId, key);
  return key;
}

/** Registers a database the test opened itself (a reopened or unenrolled one) for clean-up. */
export function track(db: HandoverDb): HandoverDb {
  openDbs.push(db);
  return db;
}

export const T0 = Date.UTC(2025, 5, 2, 9, 0, 0);

export async function enrolledDb(opts?: { serverTime?: number; nowMs?: number }) {
  const db = track(openHandoverDb(`test-${process.pid}-${++n}-${Math.random()}`));
  const ids = { siteId: newId(), deviceId: newId(), token: 'x'.repeat(43), staffId: newId() };
  await saveEnrolment(
    db,
    { siteId: ids.siteId, deviceId: ids.deviceId, token: ids.token, serverTime: opts?.serverTime ?? T0 },
    'Lobby tablet',
    opts?.nowMs ?? T0,
  );
  typedPin(ids.staffId);
  return { db, ...ids };
}

export function fields(over: Partial<LogEntryFields> = {}): LogEntryFields {
  return {
    kind: 'enquiry',
    severity: 'routine',
    status: 'open',
    cause: 'Tenant asked where parcel pickup is',
    process: '',
    result: '',
    party: '12F Acme',
    contact: '',
    location: 'Lobby',
    // T1: at the moment the fixtures' duties begin (T0); an earlier time would need a reason.
    occurredAt: T0,
    referredTo: '',
    operationEndedAt: null,
    backdateReason: '',
    channel: null,
    partyType: null,
    unit: '',
    assignedTo: '',
    completedAt: null,
    ...over,
  };
}

export async function closeAndDelete(db: HandoverDb): Promise<void> {
  db.close();
  await db.delete();
}
