/**
 * A small in-memory implementation of the sync protocol (server.md) for the engine's unit tests:
 * exactly-once by device counter, per-field versions and conflicts, syncError rows, seq-ordered
 * pull. The real server is exercised by tests/integration/sync-simulation.test.ts.
 */
import { formatHlc } from '../../../src/domain/hlc';
import { newId } from '../../../src/domain/ids';
import { OUTBOX_PENDING_HEADER } from '../../../src/domain/api';
import {
  GENERATION_HEADER,
  type Change,
  type Op,
  type PushRequest,
  type PushResult,
} from '../../../src/domain/sync-protocol';

interface StoredRow {
  table: string;
  id: string;
  row: Record<string, unknown>;
  versions: Record<string, number>;
  seq: number;
}

export interface FakeServerOptions {
  now: () => number;
  siteId: string;
  deviceId: string;
  token: string;
  /** Return a refusal code to reject an op (its counter still advances). */
  reject?: (op: Op) => string | null;
}

export function createFakeServer(o: FakeServerOptions) {
  const rows = new Map<string, StoredRow>();
  let seq = 0;
  let last = 0;
  /** Issue 9 §1: the database's generation, in the header of every answer (a restore changes it). */
  let generation = 'generation-one';
  const results = new Map<number, PushResult>();
  const log: { method: string; path: string; auth: string | null; pending?: string | null; body?: string | null }[] =
    [];
  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', [GENERATION_HEADER]: generation },
    });

  function write(table: string, id: string, row: Record<string, unknown>, versions: Record<string, number>): void {
    rows.set(`${table}:${id}`, { table, id, row, versions, seq: ++seq });
  }
  const serverHlc = () => formatHlc({ wallMs: o.now(), counter: 0, node: 'server' });

  function apply(op: Op): PushResult {
    const code = o.reject?.(op) ?? null;
    const key = `${op.table}:${op.rowId}`;
    if (code) {
      const id = newId();
      write(
        'syncError',
        id,
        {
          id,
          siteId: o.siteId,
          updatedAt: serverHlc(),
          deleted: false,
          deviceId: op.deviceId,
          counter: op.counter,
          table: op.table,
          rowId: op.rowId,
          opKind: op.kind,
          code,
          message: `refused: ${code}`,
          actorStaffId: op.actorStaffId,
          fields: op.fields,
          recordedAt: o.now(),
        },
        {},
      );
      return { counter: op.counter, status: 'rejected', code, message: `refused: ${code}` };
    }
    if (op.kind === 'put' || op.kind === 'append') {
      const versions = Object.fromEntries(
        Object.keys(op.fields)
          .filter((f) => f !== 'id' && f !== 'siteId')
          .map((f) => [f, 1]),
      );
      write(op.table, op.rowId, { ...op.fields, updatedAt: op.hlc, deleted: false }, versions);
      return { counter: op.counter, status: 'applied' };
    }
    const cur = rows.get(key);
    if (!cur) return { counter: op.counter, status: 'rejected', code: 'row_unknown' };
    const row: Record<string, unknown> = { ...cur.row, updatedAt: op.hlc };
    const versions = { ...cur.versions };
    let lost = false;
    let changed = false;
    for (const [f, v] of Object.entries(op.fields)) {
      if ((versions[f] ?? 0) > (op.baseVersion[f] ?? 0)) {
        lost = true;
        const id = newId();
        write(
          'conflict',
          id,
          {
            id,
            siteId: o.siteId,
            updatedAt: serverHlc(),
            deleted: false,
            table: op.table,
            rowId: op.rowId,
            field: f,
            losingValue: v,
            winningValue: cur.row[f],
            deviceId: op.deviceId,
            counter: op.counter,
            actorStaffId: op.actorStaffId,
            recordedAt: o.now(),
          },
          {},
        );
      } else {
        row[f] = v;
        versions[f] = (versions[f] ?? 0) + 1;
        changed = true;
      }
    }
    // Nothing won: the row is not rewritten, the conflict rows are the only news.
    if (changed) write(op.table, op.rowId, row, versions);
    return { counter: op.counter, status: lost ? 'conflict' : 'applied' };
  }

  function push(body: PushRequest): Response {
    const out: PushResult[] = [];
    for (const op of body.ops) {
      if (op.counter <= last) {
        const r = results.get(op.counter);
        out.push({ ...r, counter: op.counter, status: 'duplicate' });
        continue;
      }
      if (op.counter !== last + 1) {
        return json(409, {
          error: { code: 'counter_gap', message: 'gap', details: { expected: last + 1, got: op.counter } },
        });
      }
      const r = apply(op);
      results.set(op.counter, r.status === 'rejected' ? r : { counter: op.counter, status: r.status });
      out.push(r);
      last = op.counter;
    }
    return json(200, { ackedThrough: last, results: out, serverTime: o.now(), generation });
  }

  function pull(cursor: number, limit: number): Response {
    if (cursor > seq) {
      return json(409, { error: { code: 'cursor_ahead', message: 'ahead', details: { sequence: seq, generation } } });
    }
    const all = [...rows.values()].filter((r) => r.seq > cursor).sort((a, b) => a.seq - b.seq);
    const page = all.slice(0, limit);
    const changes: Change[] = page.map((r) => ({
      seq: r.seq,
      table: r.table,
      id: r.id,
      row: r.row,
      versions: r.versions,
    }));
    return json(200, {
      changes,
      cursor: page.at(-1)?.seq ?? cursor,
      hasMore: all.length > limit,
      serverTime: o.now(),
      generation,
    });
  }

  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const auth = headers.get('authorization');
    const body = typeof init?.body === 'string' ? init.body : null;
    log.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      auth,
      pending: headers.get(OUTBOX_PENDING_HEADER),
      body,
    });
    if (auth !== `Bearer ${o.token}`) return json(401, { error: { code: 'unauthorized', message: 'no' } });
    if (url.pathname === '/api/v1/sync/push') return push(JSON.parse(String(init?.body)) as PushRequest);
    if (url.pathname === '/api/v1/sync/pull') {
      return pull(Number(url.searchParams.get('cursor')), Number(url.searchParams.get('limit')));
    }
    return json(404, { error: { code: 'not_found', message: url.pathname } });
  };

  return {
    fetch,
    log,
    rows,
    get last() {
      return last;
    },
    set last(n: number) {
      last = n;
    },
    /** A change made by someone else (another tablet, the server). */
    write,
    get generation() {
      return generation;
    },
    /** Issue 9 §1: the state now, to restore later as a backup would. */
    backup() {
      return { rows: new Map(rows), seq, last, results: new Map(results) };
    },
    /** Issue 9 §1: back to a backup, with a new generation (a restore), or the same (a power cut). */
    restore(
      b: { rows: Map<string, StoredRow>; seq: number; last: number; results: Map<number, PushResult> },
      gen: string,
    ) {
      rows.clear();
      for (const [k, v] of b.rows) rows.set(k, v);
      results.clear();
      for (const [k, v] of b.results) results.set(k, v);
      seq = b.seq;
      last = b.last;
      generation = gen;
    },
    row: (table: string, id: string) => rows.get(`${table}:${id}`),
  };
}
