import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthResponse } from '../../../src/domain/api';
import { readConfig } from '../../../src/server/main';
import { spawnServer, waitForListening } from './helpers-process';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hd-process-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('main.ts as a process', () => {
  it('starts on PORT=0, prints the listening line with the real port, answers health, exits 0 on SIGTERM', async () => {
    const s = spawnServer({ PORT: '0', DATA_DIR: dataDir });
    const port = await waitForListening(s);
    expect(port).toBeGreaterThan(0);
    expect(s.lines.find((l) => l['msg'] === 'listening')).toMatchObject({
      level: 'info',
      port,
      url: `http://localhost:${port}`,
    });

    const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    expect(res.status).toBe(200);
    expect(HealthResponse.parse(await res.json())).toMatchObject({ status: 'ok', setUp: false });
    expect(res.headers.get('X-Server-Time')).toMatch(/^\d+$/);

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const request = s.lines.find((l) => l['msg'] === 'request');
    expect(request).toMatchObject({ level: 'info', method: 'GET', path: '/api/v1/health', status: 200 });
    expect(Object.keys(request ?? {})).toEqual(
      expect.arrayContaining(['level', 'time', 'msg', 'method', 'path', 'status', 'ms', 'requestId']),
    );
    expect(s.lines.at(-1)).toMatchObject({ msg: 'stopped' });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL with a clear message and exit code 1 (issue 10)', async () => {
    const s = spawnServer({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: 'mysql://x@localhost/hd' });
    expect(await s.exited).toBe(1);
    expect(JSON.stringify(s.lines)).toContain('DATABASE_URL must be a postgres:// URL');
  });
});

describe('readConfig', () => {
  it('has the documented defaults', () => {
    expect(readConfig({})).toEqual({
      port: 8080,
      // Issue 9 §4: HTTPS beside HTTP, with the local CA unless TLS_CERT/TLS_KEY are set.
      httpsPort: 8443,
      company: undefined,
      tlsExtra: { names: [], addresses: [] },
      host: '0.0.0.0',
      dataDir: './data',
      distDir: './dist',
      bodyLimitBytes: 1_048_576,
      logLevel: 'info',
      // Issue 10 §8: no reverse proxy is trusted unless TRUST_PROXY names it.
      trustProxy: new Set(),
    });
  });

  it('DATABASE_URL selects PostgreSQL; a URL of another kind, or with no database, is refused (issue 10 §3)', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://desk:pw@db.example:5432/handover' }).databaseUrl).toBe(
      'postgres://desk:pw@db.example:5432/handover',
    );
    expect(readConfig({ DATABASE_URL: 'postgresql://desk@127.0.0.1/hd' }).databaseUrl).toBe(
      'postgresql://desk@127.0.0.1/hd',
    );
    expect(readConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
    expect(() => readConfig({ DATABASE_URL: 'mysql://x@localhost/hd' })).toThrow(/must be a postgres:\/\/ URL/);
    expect(() => readConfig({ DATABASE_URL: 'not a url' })).toThrow(/not a URL/);
    expect(() => readConfig({ DATABASE_URL: 'postgres://x@localhost' })).toThrow(/names no database/);
  });

  it('refuses a bad PORT or LOG_LEVEL', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
