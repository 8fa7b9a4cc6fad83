/**
 * Issue 9 §3 on the tablet (docs/rules.md, docs/security.md): a PIN typed through signInWithPin
 * gives the person's proof key, every queued op is signed with it, a write without it saves
 * nothing, sign-out forgets it, a withheld hash is checked by the server, and an old-format hash is
 * upgraded online (read-only offline).
 */
import { describe, expect, it } from 'vitest';
import { verifyOpProof } from '../../../src/domain/actor-proof';
import type { Role } from '../../../src/domain/entities';
import { newId } from '../../../src/domain/ids';
import { hashPinLegacy, hashPinV2 } from '../../../src/domain/pin';
import { signInWithPin } from '../../../src/client/db/repos/pin-repo';
import { createTask } from '../../../src/client/db/repos/task-repo';
import { makeWriteContext } from '../../../src/client/db/repos/write-context';
import type { HandoverDb } from '../../../src/client/db/schema';
import {
  PinUpgradeNeededError,
  ProofKeyMissingError,
  forgetProofKeys,
  proofKeyOf,
  readOnlyReasonOf,
} from '../../../src/client/state/proof-keys';
import { useSessionStore } from '../../../src/client/state/session-store';
import { enrolledDb, T0 } from './helpers';
import { fakeServer } from './pin-server-fake';

const TASK = { kind: 'followUp', title: 'Lift 2 noise', cause: 'Tenant call', process: '', important: false } as const;

async function person(
  db: HandoverDb,
  siteId: string,
  pinHash: Awaited<ReturnType<typeof hashPinV2>>['pinHash'],
  role: Role = 'desk',
) {
  const id = newId();
  await db.staff.put({
    id,
    siteId,
    name: `Person ${id.slice(-4)}`,
    role,
    pinHash,
    active: true,
    updatedAt: '000000000000001-0000-server',
    deleted: false,
    _versions: {},
  });
  return id;
}

/** A tablet with nobody's key in memory (the helper's default person's key is dropped). */
async function tablet() {
  const e = await enrolledDb();
  forgetProofKeys();
  return e;
}

describe('proof keys at every PIN check (issue 9 §3)', () => {
  it('§3: a queued op carries a proof that verifyOpProof accepts with the key of the PIN typed', async () => {
    const { db, siteId } = await tablet();
    const { pinHash, proofKey } = await hashPinV2('2580', 1000);
    const id = await person(db, siteId, pinHash);
    expect(await signInWithPin(db, id, '2580', T0)).toMatchObject({ ok: true });
    expect(proofKeyOf(id)).toEqual(proofKey);

    const made = await createTask(db, await makeWriteContext(db, id, () => T0), { ...TASK, dutyId: null }, 'desk');
    expect(made.ok).toBe(true);
    const [op] = await db.outbox.toArray();
    expect(op?.actorStaffId).toBe(id);
    expect(verifyOpProof(proofKey, op!, op!.proof)).toBe(true);
    // Another person's key does not verify it: the proof names its actor.
    expect(verifyOpProof((await hashPinV2('2580', 1000)).proofKey, op!, op!.proof)).toBe(false);
  });

  it('§3: a wrong PIN remembers no key', async () => {
    const { db, siteId } = await tablet();
    const id = await person(db, siteId, (await hashPinV2('2580', 1000)).pinHash);
    expect(await signInWithPin(db, id, '0000', T0)).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(proofKeyOf(id)).toBeUndefined();
  });

  it('§3: a write without the person’s key throws ProofKeyMissingError and writes nothing', async () => {
    const { db, siteId } = await tablet();
    const id = await person(db, siteId, (await hashPinV2('2580', 1000)).pinHash);
    const ctx = await makeWriteContext(db, id, () => T0);
    const counterBefore = await db.meta.get('counter');
    await expect(createTask(db, ctx, { ...TASK, dutyId: null }, 'desk')).rejects.toBeInstanceOf(ProofKeyMissingError);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.task.count()).toBe(0);
    expect(await db.meta.get('counter')).toEqual(counterBefore);
  });

  it('§3: signing out forgets every key, the signed-in person’s and any other PIN typed meanwhile', async () => {
    const { db, siteId } = await tablet();
    const a = await person(db, siteId, (await hashPinV2('1111', 1000)).pinHash);
    const b = await person(db, siteId, (await hashPinV2('2222', 1000)).pinHash);
    await signInWithPin(db, a, '1111', T0);
    await signInWithPin(db, b, '2222', T0);
    useSessionStore.getState().signIn(b, T0);
    expect(proofKeyOf(a)).toBeDefined();
    expect(proofKeyOf(b)).toBeDefined();
    useSessionStore.getState().signOut();
    expect(proofKeyOf(a)).toBeUndefined();
    expect(proofKeyOf(b)).toBeUndefined();
    expect(useSessionStore.getState().staffId).toBeNull();
  });
});

describe('a withheld hash is checked by the server (issue 9 §3)', () => {
  async function manager() {
    const e = await tablet();
    const { pinHash, proofKey } = await hashPinV2('246810', 1000);
    const { hash: _withheld, ...withheld } = pinHash;
    const id = await person(e.db, e.siteId, withheld, 'manager');
    return { ...e, id, proofKey };
  }

  it('§3: 2xx signs the person in with the key their PIN gives; the request carries a valid proof', async () => {
    const m = await manager();
    const server = fakeServer({ check: () => ({ status: 200, body: { staffId: m.id, serverTime: T0 } }) });
    expect(await signInWithPin(m.db, m.id, '246810', T0, server)).toMatchObject({ ok: true, staff: { id: m.id } });
    expect(proofKeyOf(m.id)).toEqual(m.proofKey);
    expect(server.checks).toHaveLength(1);
    expect(server.proofValid(server.checks[0]!, m.proofKey, m.deviceId)).toBe(true);
  });

  it('§3: 403 actor_unproven is a wrong PIN, and no key is remembered', async () => {
    const m = await manager();
    const server = fakeServer({
      check: () => ({ status: 403, body: { error: { code: 'actor_unproven', message: 'wrong PIN' } } }),
    });
    expect(await signInWithPin(m.db, m.id, '135790', T0, server)).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(proofKeyOf(m.id)).toBeUndefined();
  });

  it('§3: 429 locked_out locks the person until the server’s lockedUntil', async () => {
    const m = await manager();
    const until = T0 + 300_000;
    const server = fakeServer({
      check: () => ({
        status: 429,
        body: { error: { code: 'locked_out', message: 'locked', details: { lockedUntil: until } } },
      }),
    });
    expect(await signInWithPin(m.db, m.id, '246810', T0, server)).toEqual({
      ok: false,
      reason: 'lockedOut',
      lockedUntil: until,
    });
    expect(proofKeyOf(m.id)).toBeUndefined();
  });

  it('§3: offline, this person cannot sign in (onlineOnly), and the local wrong-PIN count is untouched', async () => {
    const m = await manager();
    const server = fakeServer({ offline: true });
    expect(await signInWithPin(m.db, m.id, '246810', T0, server)).toEqual({ ok: false, reason: 'onlineOnly' });
    expect(await m.db.pinAttempts.get(m.id)).toBeUndefined();
    expect(proofKeyOf(m.id)).toBeUndefined();
  });
});

describe('an old-format hash is upgraded online (issue 9 §3)', () => {
  async function legacyPerson(role: Role = 'desk', pin = '1357') {
    const e = await tablet();
    const id = await person(e.db, e.siteId, await hashPinLegacy(pin, 1000), role);
    return { ...e, id };
  }

  it('§3: online, the PIN goes to PIN_UPGRADE_PATH once; the v2 hash is stored locally (no op) and its key remembered', async () => {
    const p = await legacyPerson();
    const upgraded = await hashPinV2('1357', 1000);
    const server = fakeServer({
      upgrade: () => ({ status: 200, body: { pinHash: upgraded.pinHash, serverTime: T0 } }),
    });
    expect(await signInWithPin(p.db, p.id, '1357', T0, server)).toMatchObject({ ok: true });
    expect(server.upgrades).toEqual([{ staffId: p.id, pin: '1357' }]);
    expect((await p.db.staff.get(p.id))?.pinHash).toEqual(upgraded.pinHash);
    expect(await p.db.outbox.count()).toBe(0);
    expect(proofKeyOf(p.id)).toEqual(upgraded.proofKey);
    // The next sign-in is a plain local v2 check: no server call.
    forgetProofKeys();
    expect(await signInWithPin(p.db, p.id, '1357', T0, fakeServer({ offline: true }))).toMatchObject({ ok: true });
    expect(proofKeyOf(p.id)).toEqual(upgraded.proofKey);
  });

  it('§3: offline, the person signs in for reading only, and a write fails with PinUpgradeNeededError, writing nothing', async () => {
    const p = await legacyPerson();
    const result = await signInWithPin(p.db, p.id, '1357', T0, fakeServer({ offline: true }));
    expect(result).toMatchObject({ ok: true, readOnly: 'offline' });
    expect(readOnlyReasonOf(p.id)).toBe('offline');
    const ctx = await makeWriteContext(p.db, p.id, () => T0);
    await expect(createTask(p.db, ctx, { ...TASK, dutyId: null }, 'desk')).rejects.toBeInstanceOf(
      PinUpgradeNeededError,
    );
    expect(await p.db.outbox.count()).toBe(0);
    expect(await p.db.task.count()).toBe(0);
  });

  it('§3: a PIN too short for the role now (weak_pin) signs in for reading only, saying why', async () => {
    const p = await legacyPerson('chief', '1357');
    const server = fakeServer({
      upgrade: () => ({ status: 400, body: { error: { code: 'weak_pin', message: 'too short' } } }),
    });
    expect(await signInWithPin(p.db, p.id, '1357', T0, server)).toMatchObject({ ok: true, readOnly: 'weakPin' });
    expect(proofKeyOf(p.id)).toBeUndefined();
  });

  it('§3: the server’s refusal of the PIN (its hash is newer than the tablet’s) stands: wrong PIN', async () => {
    const p = await legacyPerson();
    const server = fakeServer({
      upgrade: () => ({ status: 403, body: { error: { code: 'actor_unproven', message: 'wrong PIN' } } }),
    });
    expect(await signInWithPin(p.db, p.id, '1357', T0, server)).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(readOnlyReasonOf(p.id)).toBeNull();
  });

  it('§3: a wrong PIN against the old hash still counts locally and never reaches the server', async () => {
    const p = await legacyPerson();
    const server = fakeServer({});
    expect(await signInWithPin(p.db, p.id, '0000', T0, server)).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(server.upgrades).toEqual([]);
    expect((await p.db.pinAttempts.get(p.id))?.failedAt).toEqual([T0]);
  });
});
