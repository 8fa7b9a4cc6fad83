/**
 * Issue 9 §3 (docs/rules.md): an op renumbered at re-enrolment is signed again when its actor's key
 * is in memory, and otherwise sent without a proof (the server refuses it visibly, actor_unproven);
 * office reads are sent in the signed-in person's name with the proof headers.
 */
import { describe, expect, it } from 'vitest';
import { ACTOR_HEADERS, verifyOpProof, verifyRequestProof } from '../../../src/domain/actor-proof';
import { newId } from '../../../src/domain/ids';
import { saveEnrolment } from '../../../src/client/db/repos/device-repo';
import { createTask } from '../../../src/client/db/repos/task-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import { forgetProofKeys, ProofKeyMissingError, rememberProofKey } from '../../../src/client/state/proof-keys';
import { fetchServerSearch } from '../../../src/client/sync/search-client';
import { enrolledDb, T0, typedPin } from './helpers';

const TASK = { kind: 'followUp', title: 'Lift 2 noise', cause: 'Tenant call', process: '', important: false } as const;

describe('re-enrolment renumbering keeps proofs honest (issue 9 §3)', () => {
  it('§3: a renumbered op is re-signed for its new device and counter when its actor’s key is here, else sent without proof', async () => {
    const e = await enrolledDb();
    const myKey = typedPin(e.staffId);
    const otherId = newId();
    const otherKey = typedPin(otherId);
    await createTask(e.db, await makeWriteContext(e.db, e.staffId, () => T0), { ...TASK, dutyId: null }, 'desk');
    const theirs = await makeWriteContext(e.db, otherId, () => T0);
    await createTask(e.db, theirs, { ...TASK, title: 'Lobby light', dutyId: null }, 'desk');
    // Only the first person's PIN is in memory when the tablet is enrolled again (same building).
    forgetProofKeys();
    rememberProofKey(e.staffId, myKey);

    const newDevice = newId();
    await saveEnrolment(
      e.db,
      { siteId: e.siteId, deviceId: newDevice, token: 'y'.repeat(43), serverTime: T0 },
      'Lobby',
      T0,
    );
    const [a, b] = await e.db.outbox.orderBy('counter').toArray();
    expect(a).toMatchObject({ deviceId: newDevice, counter: 1, actorStaffId: e.staffId });
    expect(b).toMatchObject({ deviceId: newDevice, counter: 2, actorStaffId: otherId });
    expect(b!.proof).toBeUndefined();
    expect(verifyOpProof(otherKey, b!, b!.proof)).toBe(false);
    expect(verifyOpProof(myKey, a!, a!.proof)).toBe(true);
  });
});

describe('office reads carry the person’s proof (issue 9 §3)', () => {
  it('§3: the server search is sent with the actor headers, whose proof verifies under the person’s key', async () => {
    const e = await enrolledDb();
    const key = typedPin(e.staffId);
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), init });
      return new Response(JSON.stringify({ hits: [], cursor: null, serverTime: T0 }), { status: 200 });
    };
    await fetchServerSearch(e.db, e.staffId, { q: '電梯', from: '' }, fetchFn);
    expect(seen).toHaveLength(1);
    const headers = seen[0]!.init!.headers as Record<string, string>;
    expect(headers[ACTOR_HEADERS.staffId]).toBe(e.staffId);
    expect(headers['Authorization']).toBe(`Bearer ${e.token}`);
    const path = seen[0]!.url;
    expect(path.startsWith('/api/v1/search?q=')).toBe(true);
    const request = {
      method: 'GET',
      path,
      deviceId: e.deviceId,
      staffId: e.staffId,
      at: Number(headers[ACTOR_HEADERS.at]),
      body: '',
    };
    expect(verifyRequestProof(key, request, headers[ACTOR_HEADERS.proof])).toBe(true);
  });

  it('§3: without the person’s key nothing is sent: ProofKeyMissingError', async () => {
    const e = await enrolledDb();
    forgetProofKeys();
    let calls = 0;
    const fetchFn: typeof fetch = async () => {
      calls++;
      return new Response('{}', { status: 200 });
    };
    await expect(fetchServerSearch(e.db, e.staffId, { q: 'lift' }, fetchFn)).rejects.toBeInstanceOf(
      ProofKeyMissingError,
    );
    expect(calls).toBe(0);
  });
});
