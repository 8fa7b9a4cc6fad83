/**
 * D3: Web Push of new escalations, verified against a local HTTP server on 127.0.0.1 acting as the
 * browser's push service: it receives an encrypted (aes128gcm) POST with a VAPID Authorization, for
 * the recipients of the escalation's level only; a gone subscription is deleted; a failing push
 * service never fails the sync.
 */
import { createECDH, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import webpush from 'web-push';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../src/domain/api';
import { newId } from '../../../src/domain/ids';
import type { Op } from '../../../src/domain/sync-protocol';
import { silentLogger } from '../../../src/server/logger';
import { readConfig } from '../../../src/server/main';
import { createEscalationPush, type VapidConfig } from '../../../src/server/push/escalation-push';
import {
  OpBuilder,
  actorHeaders,
  adminPatchStaff,
  call,
  makeTestServer,
  setupViaApi,
  testKeyOf,
  type TestServer,
} from './helpers';
import { push, seedDuty, seedEntry, seedStaff } from './rules-fixtures';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let service: Server;
let received: Received[];
let serviceUrl: string;
let t: TestServer;
let a: SetupResponse;
let vapid: VapidConfig;
let deskId: string;
let chiefId: string;
let managerId: string;
let entryId: string;

/** The push service answers 410 Gone on paths starting /gone, 201 otherwise. */
async function startPushService(): Promise<void> {
  received = [];
  service = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = req.url?.startsWith('/gone') ? 410 : 201;
      res.end();
    });
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
}

/** The proof key `staffId`'s tablet holds after their PIN (another person's, for a wrong proof). */
function keyOf(staffId: string): Uint8Array {
  const key = testKeyOf(staffId);
  if (!key) throw new Error(`no test key for ${staffId}`);
  return key;
}

/** A browser's subscription keys: a P-256 public key and a 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

/**
 * Subscribes the browser of `staffId`, proven by the proof headers (issue 9 §3); the body names the
 * same person, as the tablet sends it, unless `body` says otherwise.
 */
async function subscribe(staffId: string, path: string, body: Record<string, unknown> = { staffId }) {
  return call(t, 'POST', '/api/v1/push/subscriptions', {
    token: a.token,
    body: { endpoint: `${serviceUrl}${path}`, keys: browserKeys(), ...body },
    actor: { deviceId: a.deviceId, staffId },
  });
}

function sendOp(ops: OpBuilder, level: 'chief' | 'manager'): Op {
  const id = newId();
  return ops.op('escalation', 'put', id, {
    id,
    siteId: a.siteId,
    entryId,
    level,
    forwardedFromId: null,
    reason: '大堂天花漏水，需決定是否封閉通道',
    sentBy: ops.actorStaffId,
    sentAt: t.clock.now,
    acknowledgedBy: null,
    acknowledgedAt: null,
    decision: '',
    decidedBy: null,
    decidedAt: null,
  });
}

/** Waits (without asserting on time) until `done` holds; fails after many tries. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await done()).toBe(true);
}

beforeEach(async () => {
  await startPushService();
  vapid = { ...webpush.generateVAPIDKeys(), subject: 'mailto:ops@example.com' };
  t = await makeTestServer({ vapid });
  a = await setupViaApi(t);
  deskId = await seedStaff(t, a, 'desk', '李嘉欣');
  chiefId = await seedStaff(t, a, 'chief', '陳國華');
  managerId = await seedStaff(t, a, 'manager', '梁美玲');
  entryId = await seedEntry(t, a, { dutyId: await seedDuty(t, a, deskId, t.clock.now - 3_600_000), staffId: deskId });
});
afterEach(async () => {
  await t.dispose();
  await new Promise((r) => service.close(r));
});

describe('Web Push of escalations (D3)', () => {
  it('answers the VAPID public key when configured, 204 without keys, 401 without a token', async () => {
    const res = await call(t, 'GET', '/api/v1/push/vapid-public-key', { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicKey: vapid.publicKey });
    expect((await call(t, 'GET', '/api/v1/push/vapid-public-key')).status).toBe(401);
    const bare = await makeTestServer();
    const b = await setupViaApi(bare);
    expect((await call(bare, 'GET', '/api/v1/push/vapid-public-key', { token: b.token })).status).toBe(204);
    await bare.dispose();
  });

  it('D3: stores subscriptions of chiefs and managers only (403 forbidden_role), refuses a bad endpoint (400)', async () => {
    expect((await subscribe(chiefId, '/chief')).status).toBe(201);
    const desk = await subscribe(deskId, '/desk');
    expect(desk.status).toBe(403);
    expect(desk.body).toMatchObject({ error: { code: 'forbidden_role' } });
    const bad = await call(t, 'POST', '/api/v1/push/subscriptions', {
      token: a.token,
      body: { endpoint: 'http://push.example.com/x', keys: browserKeys(), staffId: chiefId },
      actor: { deviceId: a.deviceId, staffId: chiefId },
    });
    expect(bad.status).toBe(400);
    expect((await t.store.listPushSubscriptions(a.siteId, [chiefId, deskId])).map((s) => s.staffId)).toEqual([chiefId]);
    const removed = await call(t, 'DELETE', '/api/v1/push/subscriptions', {
      token: a.token,
      body: { endpoint: `${serviceUrl}/chief` },
    });
    expect(removed.status).toBe(204);
    expect(await t.store.listPushSubscriptions(a.siteId, [chiefId])).toEqual([]);
  });

  it('D3: a committed escalation is pushed encrypted (aes128gcm) with VAPID to the chief, nothing personal in clear', async () => {
    await subscribe(chiefId, '/chief');
    const ops = new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now);
    const op = sendOp(ops, 'chief');
    const res = await push(t, a.token, [op]);
    expect(res.results[0]?.status).toBe('applied');
    await until(() => received.length === 1);
    const [got] = received;
    expect(got?.path).toBe('/chief');
    expect(got?.headers['content-encoding']).toBe('aes128gcm');
    expect(got?.headers['authorization']).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${vapid.publicKey}$`),
    );
    expect(Number(got?.headers['ttl'])).toBeGreaterThan(0);
    // The body is ciphertext: neither the reason nor the id can be read by the push service.
    expect(got?.body.includes(Buffer.from(op.rowId))).toBe(false);
    expect(got?.body.includes(Buffer.from('大堂天花漏水'))).toBe(false);
  });

  it('D3: a gone subscription (410) is deleted and the sync push still succeeds', async () => {
    await subscribe(chiefId, '/gone');
    const ops = new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now);
    expect((await push(t, a.token, [sendOp(ops, 'chief')])).results[0]?.status).toBe('applied');
    await until(async () => (await t.store.listPushSubscriptions(a.siteId, [chiefId])).length === 0);
    expect(received.map((r) => r.path)).toEqual(['/gone']);
  });

  it('D3: an unreachable push service never fails or blocks the push of ops', async () => {
    await subscribe(managerId, '/manager');
    await new Promise((r) => service.close(r));
    const ops = new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now);
    const res = await push(t, a.token, [sendOp(ops, 'chief')]);
    expect(res.results[0]?.status).toBe('applied');
    await startPushService();
  });

  it('D3 routing: to the chief reaches chiefs and managers; to the manager reaches managers only; never the sender', async () => {
    await subscribe(chiefId, '/chief');
    await subscribe(managerId, '/manager');
    const pusher = createEscalationPush({ store: t.store, vapid, logger: silentLogger, now: () => t.clock.now });
    const deskOps = new OpBuilder(a.deviceId, a.siteId, deskId, () => t.clock.now, 1);
    const chiefLevel = sendOp(deskOps, 'chief');
    const managerLevel = sendOp(deskOps, 'manager');
    // The app's own pusher sends too; count only what this pusher sends after the sync settled.
    const res = await push(t, a.token, [chiefLevel, managerLevel]);
    await until(() => received.length === 3);
    received = [];
    pusher.afterPush(a.siteId, [chiefLevel], res);
    await pusher.idle();
    expect(received.map((r) => r.path).sort()).toEqual(['/chief', '/manager']);
    received = [];
    pusher.afterPush(a.siteId, [managerLevel], res);
    await pusher.idle();
    expect(received.map((r) => r.path)).toEqual(['/manager']);
    received = [];
    const chiefOps = new OpBuilder(a.deviceId, a.siteId, chiefId, () => t.clock.now, 3);
    const own = sendOp(chiefOps, 'chief');
    const ownRes = await push(t, a.token, [own]);
    await until(() => received.length === 1);
    expect(received.map((r) => r.path)).toEqual(['/manager']);
    received = [];
    pusher.afterPush(a.siteId, [own], ownRes);
    await pusher.idle();
    expect(received.map((r) => r.path)).toEqual(['/manager']);
  });
});

describe('push subscriptions in a proven person’s name (issue 9 §3, D3)', () => {
  const SUBSCRIPTIONS = '/api/v1/push/subscriptions';
  const stored = () => t.store.listPushSubscriptions(a.siteId, [deskId, chiefId, managerId]);

  it('stores the subscription under the proven person; staffId in the body is optional', async () => {
    const res = await subscribe(managerId, '/manager', {});
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ endpoint: `${serviceUrl}/manager`, staffId: managerId });
    expect((await stored()).map((s) => s.staffId)).toEqual([managerId]);
  });

  it('refuses a subscription without the proof headers (403 actor_unproven), even naming a chief in the body', async () => {
    const bare = await call(t, 'POST', SUBSCRIPTIONS, {
      token: a.token,
      body: { endpoint: `${serviceUrl}/chief`, keys: browserKeys(), staffId: chiefId },
    });
    expect(bare.status).toBe(403);
    expect(bare.body).toMatchObject({ error: { code: 'actor_unproven' } });
    expect(await stored()).toEqual([]);
  });

  it('refuses a wrong proof: another person’s key, a proof of another body, a stale time (403 actor_unproven)', async () => {
    const me = { deviceId: a.deviceId, staffId: chiefId };
    const body = { endpoint: `${serviceUrl}/chief`, keys: browserKeys(), staffId: chiefId };
    const signedOther = JSON.stringify({ ...body, endpoint: `${serviceUrl}/elsewhere` });
    const attempts = {
      wrongKey: await call(t, 'POST', SUBSCRIPTIONS, {
        token: a.token,
        body,
        actor: { ...me, key: keyOf(deskId) },
      }),
      otherBody: await call(t, 'POST', SUBSCRIPTIONS, {
        token: a.token,
        body,
        headers: actorHeaders(t, me, 'POST', SUBSCRIPTIONS, signedOther),
      }),
      stale: await call(t, 'POST', SUBSCRIPTIONS, {
        token: a.token,
        body,
        actor: { ...me, at: t.clock.now - 5 * 60_000 - 1 },
      }),
    };
    for (const [name, res] of Object.entries(attempts)) {
      expect(res.status, name).toBe(403);
      expect(res.body, name).toMatchObject({ error: { code: 'actor_unproven' } });
    }
    expect(await stored()).toEqual([]);
  });

  it('D3: refuses a proven desk person (403 forbidden_role), with or without a staffId in the body', async () => {
    for (const body of [{ staffId: deskId }, {}, { staffId: chiefId }]) {
      const res = await subscribe(deskId, '/desk', body);
      expect(res.status, JSON.stringify(body)).toBe(403);
      expect(res.body, JSON.stringify(body)).toMatchObject({ error: { code: 'forbidden_role' } });
    }
    expect(await stored()).toEqual([]);
  });

  it('refuses a body staffId naming someone else than the proven person (403 forbidden_role)', async () => {
    const res = await subscribe(chiefId, '/chief', { staffId: managerId });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden_role' } });
    expect(await stored()).toEqual([]);
  });

  it('refuses a chief made inactive even with a right proof (403 forbidden_role)', async () => {
    await adminPatchStaff(t, a, chiefId, { active: false });
    const res = await subscribe(chiefId, '/chief');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'forbidden_role' } });
    expect(await stored()).toEqual([]);
  });
});

describe('VAPID configuration (README "Configuration")', () => {
  it('takes the three VAPID_* variables together, or none; a partial or malformed set refuses to start', () => {
    const keys = webpush.generateVAPIDKeys();
    const env = {
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'mailto:ops@example.com',
    };
    expect(readConfig(env).vapid).toEqual({ ...keys, subject: 'mailto:ops@example.com' });
    expect(readConfig({}).vapid).toBeUndefined();
    expect(() => readConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => readConfig({ ...env, VAPID_SUBJECT: 'ops@example.com' })).toThrow(/VAPID_SUBJECT/);
    expect(() => readConfig({ ...env, VAPID_PUBLIC_KEY: 'short' })).toThrow(/URL-safe base64/);
  });
});
