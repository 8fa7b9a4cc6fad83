/** Helpers of the TLS tests: a temp data dir, and HTTPS requests to loopback trusting a given CA. */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity as tlsCheck, type TLSSocket } from 'node:tls';
import { afterEach } from 'vitest';

/** A fresh temporary directory per call, removed after the test. */
export function tempDirsPerTest(): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-test-'));
    dirs.push(dir);
    return dir;
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The server certificate's SHA-256 fingerprint (HTTPS only). */
  peerFingerprint?: string;
}

/**
 * A GET over HTTPS to 127.0.0.1 that trusts only `ca`, for the host name `servername` (SNI and
 * name check), so the test proves the certificate verifies for that name.
 */
export function httpsGet(
  port: number,
  path: string,
  opts: { ca: string; servername: string; headers?: Record<string, string> },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        ca: opts.ca,
        servername: opts.servername,
        headers: { host: `${opts.servername}:${port}`, ...opts.headers },
        agent: false,
        // Node would check the literal 127.0.0.1; check the name the test asks for instead.
        checkServerIdentity: (_host, cert) => tlsCheck(opts.servername, cert),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            peerFingerprint: (res.socket as TLSSocket).getPeerCertificate().fingerprint256,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A GET over plain HTTP to 127.0.0.1 with the Host header `host`. */
export function httpGet(
  port: number,
  path: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}
