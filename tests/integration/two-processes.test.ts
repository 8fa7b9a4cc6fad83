/**
 * Issue 10 §4's proof: two server processes on one PostgreSQL database (each with its own DATA_DIR,
 * as docs/deploy.md runs them behind a proxy), started at the same moment (the migration lock lets
 * one migrate), with six tablets pushing to both at once: every batch is sent to both processes
 * together (a tablet's retry reaching the other process), while a seventh device follows the
 * building's cursor, pulling from either process in turn. Afterwards:
 * - exactly once: every op has one outcome, every item exists once at version 1, and each device's
 *   counter is its last op's;
 * - cursor order: both processes answer the same changes, their `seq` strictly increasing with no
 *   gap, and the follower, which never went back, saw every one of them (no change committed behind
 *   a cursor it had passed).
 * Real processes, a real database of the run's throwaway cluster, loopback only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_HEADERS, signOp, signRequest } from '../../src/domain/actor-proof';
import type { EnrolResponse, SetupResponse } from '../../src/domain/api';
import { formatHlc } from '../../src/domain/hlc';
import { newId } from '../../src/domain/ids';
import { SCHEMA_VERSION, type Op, type PullResponse, type PushResponse } from '../../src/domain/sync-protocol';
import { createTestDatabase, type TestDatabase } from '../support/pg-cluster';
import { staffProofKey } from '../support/staff-keys';
import { itemFields, setupRequest, TEST_PINS } from '../unit/server/helpers';
import { spawnServer, type ServerProcess } from './server-process';

const TABLETS = 6;
/** RATE_LIMIT_FAILED_AUTH of both processes (the default, 60, would only make the flood longer). */
const FAILED_AUTH_LIMIT = 12;
const BATCHES = 4;
const OPS_PER_BATCH = 8;

interface Device {
  deviceId: string;
  token: string;
  counter: number;
}

let database: TestDatabase;
let dirs: string[] = [];
let servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  dirs = [mkdtempSync(join(tmpdir(), 'hd-two-a-')), mkdtempSync(join(tmpdir(), 'hd-two-b-'))];
  // Both at once: one applies the migrations, the other waits on the lock and finds none left.
  servers = await Promise.all(
    dirs.map((dir) =>
      spawnServer(dir, 0, {
        env: { DATABASE_URL: database.url, RATE_LIMIT_FAILED_AUTH: String(FAILED_AUTH_LIMIT) },
      }),
    ),
  );
}, 90_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill('SIGTERM')));
  await database?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function json<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} -> ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

function push(server: ServerProcess, device: Device, ops: Op[]): Promise<PushResponse> {
  return fetch(`${server.baseUrl}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
    body: JSON.stringify({ deviceId: device.deviceId, schemaVersion: SCHEMA_VERSION, ops }),
  }).then((r) => json<PushResponse>(r, 'push'));
}

function pull(server: ServerProcess, token: string, cursor: number): Promise<PullResponse> {
  return fetch(`${server.baseUrl}/api/v1/sync/pull?cursor=${cursor}&limit=200`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => json<PullResponse>(r, 'pull'));
}

async function pullAll(server: ServerProcess, token: string): Promise<PullResponse['changes']> {
  const out: PullResponse['changes'] = [];
  let cursor = 0;
  for (;;) {
    const page = await pull(server, token, cursor);
    out.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

describe('two server processes on one PostgreSQL database (issue 10 §4)', () => {
  it('tablets pushing to both at once: every op applied exactly once, and one cursor order on both', async () => {
    const [p1, p2] = servers as [ServerProcess, ServerProcess];
    const request = { ...(await setupRequest()), setupCode: p1.setupCode ?? '' };
    const setup = await json<SetupResponse>(
      await fetch(`${p1.baseUrl}/api/v1/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }),
      'setup',
    );
    const siteId = setup.siteId;
    const adminKey = await staffProofKey(p1.baseUrl, setup, setup.adminStaffId, TEST_PINS.other);

    // Enrolment codes made on either process, enrolments on the other.
    const enrol = async (i: number): Promise<Device> => {
      const [maker, taker] = i % 2 === 0 ? [p1, p2] : [p2, p1];
      const body = JSON.stringify({ deviceKind: 'desk' });
      const at = Date.now();
      const proof = signRequest(adminKey, {
        method: 'POST',
        path: '/api/v1/enrolment-codes',
        deviceId: setup.deviceId,
        staffId: setup.adminStaffId,
        at,
        body,
      });
      const { code } = await json<{ code: string }>(
        await fetch(`${maker.baseUrl}/api/v1/enrolment-codes`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${setup.token}`,
            [ACTOR_HEADERS.staffId]: setup.adminStaffId,
            [ACTOR_HEADERS.at]: String(at),
            [ACTOR_HEADERS.proof]: proof,
          },
          body,
        }),
        'enrolment code',
      );
      const enrolled = await json<EnrolResponse>(
        await fetch(`${taker.baseUrl}/api/v1/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code, deviceName: `Tablet ${i + 1}` }),
        }),
        'enrol',
      );
      return { deviceId: enrolled.deviceId, token: enrolled.token, counter: 0 };
    };
    const tablets: Device[] = [];
    for (let i = 0; i < TABLETS + 1; i++) tablets.push(await enrol(i));
    const follower = tablets.pop() as Device;

    // The follower pulls from one process, then the other, never going back on its cursor.
    let following = true;
    const seen: PullResponse['changes'] = [];
    const follow = (async () => {
      let cursor = 0;
      for (let turn = 0; following || turn % 2 === 1; turn++) {
        const page = await pull(turn % 2 === 0 ? p1 : p2, follower.token, cursor);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) await new Promise((r) => setTimeout(r, 25));
      }
      for (;;) {
        const page = await pull(p2, follower.token, cursor);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (!page.hasMore) return;
      }
    })();

    const itemIds: string[] = [];
    const outcomes = new Map<string, string[]>();
    await Promise.all(
      tablets.map(async (tablet) => {
        for (let b = 0; b < BATCHES; b++) {
          const ops: Op[] = [];
          for (let k = 0; k < OPS_PER_BATCH; k++) {
            const id = newId();
            itemIds.push(id);
            tablet.counter += 1;
            const unsigned = {
              deviceId: tablet.deviceId,
              counter: tablet.counter,
              table: 'item' as const,
              rowId: id,
              kind: 'put' as const,
              fields: itemFields(siteId, id),
              baseVersion: {},
              hlc: formatHlc({ wallMs: Date.now(), counter: tablet.counter, node: tablet.deviceId }),
              deviceTime: Date.now(),
              actorStaffId: setup.adminStaffId,
            };
            ops.push({ ...unsigned, proof: signOp(adminKey, unsigned) });
          }
          // The same batch to both processes at once.
          const answers = await Promise.all([push(p1, tablet, ops), push(p2, tablet, ops)]);
          for (const answer of answers) {
            for (const r of answer.results) {
              const key = `${tablet.deviceId}:${r.counter}`;
              outcomes.set(key, [...(outcomes.get(key) ?? []), r.status]);
            }
          }
        }
      }),
    );
    following = false;
    await follow;

    // Exactly once: of the two processes that got each op, one applied it and the other answered
    // that it was already applied (duplicate), whichever came first.
    expect(outcomes.size).toBe(TABLETS * BATCHES * OPS_PER_BATCH);
    const notOnce = [...outcomes.entries()].filter(([, s]) => [...s].sort().join() !== 'applied,duplicate');
    expect(notOnce).toEqual([]);

    const [all1, all2] = await Promise.all([pullAll(p1, follower.token), pullAll(p2, follower.token)]);
    expect(JSON.stringify(all2)).toBe(JSON.stringify(all1));
    const items = all1.filter((c) => c.table === 'item');
    expect(items.map((c) => c.id).sort()).toEqual([...itemIds].sort());
    expect(items.every((c) => c.versions['label'] === 1)).toBe(true);
    // One order: strictly increasing, with no gap (a gap filled later would be a change a cursor skipped).
    const seqs = all1.map((c) => c.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    // The follower, pulling from both processes during the pushes, missed nothing.
    expect(seen.map((c) => c.seq)).toEqual(seqs);
  }, 180_000);

  it('rate limits count an address across both processes: a flood of bad tokens spread over them meets one limit, not two', async () => {
    const [p1, p2] = servers as [ServerProcess, ServerProcess];
    // From 127.0.0.2, so the flood blocks no other test's traffic (127.0.0.1).
    const statuses: number[] = [];
    for (let i = 0; i < 3 * FAILED_AUTH_LIMIT; i++) {
      const server = i % 2 === 0 ? p1 : p2;
      statuses.push(await badTokenPull(server.port, '127.0.0.2'));
    }
    const unauthorized = statuses.filter((s) => s === 401).length;
    // The limit, plus at most one more per other process (the failure that tells it the bucket is
    // spent); a limit per process would let 2 × the limit through.
    expect(unauthorized).toBeGreaterThanOrEqual(FAILED_AUTH_LIMIT);
    expect(unauthorized).toBeLessThanOrEqual(FAILED_AUTH_LIMIT + 1);
    expect(statuses.slice(-10)).toEqual(Array(10).fill(429));
    // Once both know, every request of that address is refused on either process.
    expect(await badTokenPull(p1.port, '127.0.0.2')).toBe(429);
    expect(await badTokenPull(p2.port, '127.0.0.2')).toBe(429);
  }, 60_000);
});

/** One pull with a token nobody holds, sent from `from`; the status answered. */
function badTokenPull(port: number, from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/sync/pull?cursor=0',
        headers: { authorization: 'Bearer not-a-token-of-anyone' },
        localAddress: from,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
