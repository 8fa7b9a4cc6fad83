/**
 * Issue 9 §4: HTTPS beside HTTP from one startServer. HSTS on HTTPS only; plain HTTP serves
 * localhost as before, and another host only the CA page and certificate (the rest: 308 to HTTPS);
 * TLS_CERT/TLS_KEY put the company's certificate in place of the local CA. Loopback only.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../../src/server/logger';
import { ConfigError, readConfig, startServer, type RunningServer } from '../../../../src/server/main';
import { parseExtraSubjects, wantedSubjects } from '../../../../src/server/tls/host-names';
import { ensureLocalCa, tlsDir } from '../../../../src/server/tls/local-ca';
import { HSTS_VALUE } from '../../../../src/server/tls/listener-policy';
import { issueServerCert } from '../../../../src/server/tls/server-cert';
import { httpGet, httpsGet, tempDirsPerTest } from './tls-fixtures';

const tempDir = tempDirsPerTest();
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(opts: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: tempDir(),
    distDir: join(tempDir(), 'no-dist'),
    logger: silentLogger,
    retention: false,
    tlsExtra: parseExtraSubjects('desk.example.test'),
    ...opts,
  });
  running.push(server);
  return server;
}

const caOf = (dataDir: string) => readFileSync(join(dataDir, 'tls', 'ca.crt'), 'utf8');

describe('HTTPS beside HTTP (issue 9 §4)', () => {
  it('serves the same app over HTTPS with a certificate the local CA vouches for, HSTS on HTTPS only', async () => {
    const dataDir = tempDir();
    const s = await start({ dataDir });
    expect(s.httpsPort).toBeGreaterThan(0);
    expect(s.httpsPort).not.toBe(s.port);
    const ca = caOf(dataDir);

    for (const servername of ['localhost', 'desk.example.test']) {
      const res = await httpsGet(s.httpsPort, '/api/v1/health', { ca, servername });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ status: 'ok' });
      expect(res.headers['strict-transport-security']).toBe(HSTS_VALUE);
    }
    const plain = await httpGet(s.port, '/api/v1/health', `localhost:${s.port}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const page = await httpGet(s.port, '/ca', `127.0.0.1:${s.port}`);
    expect(page.headers['strict-transport-security']).toBeUndefined();
  });

  it('plain HTTP by another host gets only the CA page and certificate; everything else is a 308 to HTTPS', async () => {
    const dataDir = tempDir();
    const s = await start({ dataDir });
    const host = `192.168.10.20:${s.port}`;

    const api = await httpGet(s.port, '/api/v1/health?deep=1', host);
    expect(api.status).toBe(308);
    expect(api.headers.location).toBe(`https://192.168.10.20:${s.httpsPort}/api/v1/health?deep=1`);
    expect(api.body).toBe('');
    const shell = await httpGet(s.port, '/', `desk.example.test:${s.port}`, { accept: 'text/html' });
    expect(shell.status).toBe(308);
    expect(shell.headers.location).toBe(`https://desk.example.test:${s.httpsPort}/`);
    const v6 = await httpGet(s.port, '/setup', `[fd12::20]:${s.port}`);
    expect(v6.headers.location).toBe(`https://[fd12::20]:${s.httpsPort}/setup`);

    const page = await httpGet(s.port, '/ca', host);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`https://192.168.10.20:${s.httpsPort}/`);
    const crt = await httpGet(s.port, '/ca.crt', host);
    expect(crt.status).toBe(200);
    expect(crt.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(crt.body).toBe(caOf(dataDir));
    expect(new X509Certificate(crt.body).ca).toBe(true);
    // The page shows the fingerprint a person compares with the tablet's.
    expect(page.body).toContain(new X509Certificate(crt.body).fingerprint256);
  });

  it('TLS_CERT/TLS_KEY: the company certificate is served, no local CA is made, the page says so', async () => {
    // The "company" certificate comes from a CA of its own, outside the server's data dir.
    const companyDir = tempDir();
    const { ca: companyCa } = await ensureLocalCa(tlsDir(companyDir), Date.now());
    const issued = await issueServerCert(
      companyCa,
      wantedSubjects(parseExtraSubjects('desk.corp.example.test'), 'corp-host', ['127.0.0.1']),
      Date.now(),
    );
    const certPath = join(companyDir, 'company.crt');
    const keyPath = join(companyDir, 'company.key');
    writeFileSync(certPath, issued.certPem);
    writeFileSync(keyPath, issued.keyPem);

    const dataDir = tempDir();
    const s = await start({ dataDir, company: { certPath, keyPath } });
    expect(existsSync(join(dataDir, 'tls'))).toBe(false);
    const res = await httpsGet(s.httpsPort, '/api/v1/health', {
      ca: companyCa.certPem,
      servername: 'desk.corp.example.test',
    });
    expect(res.status).toBe(200);
    expect(res.peerFingerprint).toBe(new X509Certificate(issued.certPem).fingerprint256);

    const page = await httpGet(s.port, '/ca?lang=en', `localhost:${s.port}`);
    expect(page.body).toContain('This server uses your company’s own certificate');
    expect(page.body).not.toContain('/ca.crt');
    expect((await httpGet(s.port, '/ca.crt', `localhost:${s.port}`)).status).toBe(404);
  });

  it('refuses to start with a TLS_KEY that is not the key of TLS_CERT', async () => {
    const dir = tempDir();
    const { ca } = await ensureLocalCa(tlsDir(dir), Date.now());
    const subjects = wantedSubjects({ names: [], addresses: [] }, 'h', ['127.0.0.1']);
    const a = await issueServerCert(ca, subjects, Date.now());
    const b = await issueServerCert(ca, subjects, Date.now());
    writeFileSync(join(dir, 'a.crt'), a.certPem);
    writeFileSync(join(dir, 'b.key'), b.keyPem);
    await expect(start({ company: { certPath: join(dir, 'a.crt'), keyPath: join(dir, 'b.key') } })).rejects.toThrow(
      /TLS_KEY .* is not the private key of TLS_CERT/,
    );
  });
});

describe('the configuration of HTTPS', () => {
  it('HTTPS_PORT defaults to 8443, or to 0 when PORT is 0; TLS_CERT needs TLS_KEY; TLS_HOSTNAMES is checked', () => {
    expect(readConfig({}).httpsPort).toBe(8443);
    expect(readConfig({ PORT: '0' }).httpsPort).toBe(0);
    expect(readConfig({ PORT: '0', HTTPS_PORT: '9443' }).httpsPort).toBe(9443);
    expect(readConfig({ TLS_CERT: '/etc/ssl/desk.crt', TLS_KEY: '/etc/ssl/desk.key' }).company).toEqual({
      certPath: '/etc/ssl/desk.crt',
      keyPath: '/etc/ssl/desk.key',
    });
    expect(() => readConfig({ TLS_CERT: '/etc/ssl/desk.crt' })).toThrow(ConfigError);
    expect(readConfig({ TLS_HOSTNAMES: 'desk.harbour.lan, 10.1.2.3' }).tlsExtra).toEqual({
      names: ['desk.harbour.lan'],
      addresses: ['10.1.2.3'],
    });
    expect(() => readConfig({ TLS_HOSTNAMES: 'not a_name' })).toThrow(ConfigError);
  });
});
