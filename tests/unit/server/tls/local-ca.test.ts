/**
 * Issue 9 §4: the local CA and the server certificate it signs for the machine's names and
 * addresses, renewed when they change or near the end, private keys mode 0600.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import type { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { machineAddresses, parseExtraSubjects, wantedSubjects } from '../../../../src/server/tls/host-names';
import { CA_CERT_FILE, CA_KEY_FILE, ensureLocalCa, tlsDir } from '../../../../src/server/tls/local-ca';
import {
  ensureServerCert,
  SERVER_CERT_FILE,
  SERVER_CERT_LIFETIME_DAYS,
  SERVER_KEY_FILE,
} from '../../../../src/server/tls/server-cert';
import { loadTlsMaterial, startTlsRefresh, type TlsMaterial } from '../../../../src/server/tls/tls-material';
import { tempDirsPerTest } from './tls-fixtures';

const NOW = Date.UTC(2026, 11, 2, 10, 0);
const DAY = 86_400_000;
const tempDir = tempDirsPerTest();

const subjects = (addresses: string[]) =>
  wantedSubjects(parseExtraSubjects('desk.example.test, Reception.Harbour.LAN'), 'harbour-server', addresses);

describe('the local CA (issue 9 §4)', () => {
  it('is made once under DATA_DIR/tls with its key 0600, then loaded on the next start', async () => {
    const dir = tlsDir(tempDir());
    const first = await ensureLocalCa(dir, NOW);
    expect(first.created).toBe(true);
    expect(statSync(join(dir, CA_KEY_FILE)).mode & 0o777).toBe(0o600);
    const ca = new X509Certificate(readFileSync(join(dir, CA_CERT_FILE)));
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);

    const again = await ensureLocalCa(dir, NOW + DAY);
    expect(again.created).toBe(false);
    expect(again.ca.certPem).toBe(first.ca.certPem);
  });

  it('signs a server certificate whose SANs cover the host names, localhost, TLS_HOSTNAMES and every address, IPv4 and IPv6', async () => {
    const dir = tlsDir(tempDir());
    const { ca } = await ensureLocalCa(dir, NOW);
    const made = await ensureServerCert(dir, ca, subjects(['192.168.10.20', '10.0.0.5', 'fd12:3456::20', '::1']), NOW);
    expect(made.renewed).toBe('missing');

    const cert = new X509Certificate(made.certPem);
    const caCert = new X509Certificate(ca.certPem);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.ca).toBe(false);
    for (const name of ['harbour-server', 'localhost', 'desk.example.test', 'reception.harbour.lan']) {
      expect(cert.checkHost(name)).toBe(name);
    }
    for (const ip of ['192.168.10.20', '10.0.0.5', 'fd12:3456::20', '::1']) expect(cert.checkIP(ip)).toBe(ip);
    expect(cert.checkHost('other.example.test')).toBeUndefined();
    expect(cert.checkIP('192.168.10.21')).toBeUndefined();
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.1'); // serverAuth, which iPadOS requires
    // iPadOS and Chrome refuse a TLS server certificate valid for more than 398 days.
    const lifetimeDays = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / DAY;
    expect(lifetimeDays).toBeLessThanOrEqual(398);
    expect(SERVER_CERT_LIFETIME_DAYS).toBeLessThanOrEqual(397);
    expect(statSync(join(dir, SERVER_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('keeps the certificate while the names and addresses stay, and makes a new one when an address changes', async () => {
    const dir = tlsDir(tempDir());
    const { ca } = await ensureLocalCa(dir, NOW);
    const first = await ensureServerCert(dir, ca, subjects(['192.168.10.20']), NOW);
    const same = await ensureServerCert(dir, ca, subjects(['192.168.10.20']), NOW + DAY);
    expect(same.renewed).toBeNull();
    expect(same.certPem).toBe(first.certPem);

    // The DHCP server gave the machine a new address.
    const moved = await ensureServerCert(dir, ca, subjects(['192.168.10.77']), NOW + 2 * DAY);
    expect(moved.renewed).toBe('names or addresses changed');
    const cert = new X509Certificate(moved.certPem);
    expect(cert.checkIP('192.168.10.77')).toBe('192.168.10.77');
    expect(cert.checkIP('192.168.10.20')).toBeUndefined();
    expect(readFileSync(join(dir, SERVER_CERT_FILE), 'utf8')).toBe(moved.certPem);
  });

  it('makes a new certificate when a TLS_HOSTNAMES name is added, and one near its end', async () => {
    const dir = tlsDir(tempDir());
    const { ca } = await ensureLocalCa(dir, NOW);
    await ensureServerCert(dir, ca, subjects(['192.168.10.20']), NOW);
    const named = wantedSubjects(
      parseExtraSubjects('desk.example.test reception.harbour.lan lobby.harbour.lan'),
      'harbour-server',
      ['192.168.10.20'],
    );
    const renamed = await ensureServerCert(dir, ca, named, NOW + DAY);
    expect(renamed.renewed).toBe('names or addresses changed');
    expect(new X509Certificate(renamed.certPem).checkHost('lobby.harbour.lan')).toBe('lobby.harbour.lan');

    const late = await ensureServerCert(dir, ca, named, NOW + (SERVER_CERT_LIFETIME_DAYS - 10) * DAY);
    expect(late.renewed).toBe('near its end');
  });

  it('a new CA (the old one deleted) gets a new server certificate signed by it', async () => {
    const dataDir = tempDir();
    const first = await loadTlsMaterial({
      dataDir,
      extra: { names: [], addresses: [] },
      nowMs: NOW,
      subjects: () => subjects(['10.0.0.5']),
    });
    rmSync(join(dataDir, 'tls', CA_KEY_FILE));
    const second = await loadTlsMaterial({
      dataDir,
      extra: { names: [], addresses: [] },
      nowMs: NOW,
      subjects: () => subjects(['10.0.0.5']),
    });
    expect(second.caCertPem).not.toBe(first.caCertPem);
    expect(new X509Certificate(second.certPem).verify(new X509Certificate(second.caCertPem ?? '').publicKey)).toBe(
      true,
    );
  });

  it('reads every address of the machine but IPv6 link-local ones, which a URL cannot hold', () => {
    const info = (address: string, family: 'IPv4' | 'IPv6') => ({
      address,
      family,
      netmask: '',
      mac: '00:00:00:00:00:00',
      internal: false,
      cidr: null,
      ...(family === 'IPv6' ? { scopeid: 0 } : {}),
    });
    const found = machineAddresses({
      lo: [info('127.0.0.1', 'IPv4'), info('::1', 'IPv6')],
      eth0: [info('192.168.10.20', 'IPv4'), info('fe80::1', 'IPv6'), info('fd12:3456::20', 'IPv6')],
    } as unknown as ReturnType<typeof networkInterfaces>);
    expect(found.sort()).toEqual(['127.0.0.1', '192.168.10.20', '::1', 'fd12:3456::20']);
    expect(() => parseExtraSubjects('good.example.test, bad_name!')).toThrow(/bad_name!/);
  });

  it('while running, a new address gets a new certificate handed to the HTTPS listener, without a restart', async () => {
    const dataDir = tempDir();
    let addresses = ['192.168.10.20'];
    const opts = { dataDir, extra: { names: [], addresses: [] }, subjects: () => subjects(addresses) };
    const current = await loadTlsMaterial({ ...opts, nowMs: NOW });
    const applied: TlsMaterial[] = [];
    const onError = vi.fn();
    const refresh = startTlsRefresh({
      ...opts,
      now: () => NOW,
      current,
      apply: (m) => applied.push(m),
      onError,
      intervalMs: 20,
    });
    try {
      addresses = ['192.168.10.77'];
      await vi.waitFor(() => expect(applied).toHaveLength(1), { timeout: 5_000 });
      const cert = new X509Certificate(applied[0]?.certPem ?? '');
      expect(cert.checkIP('192.168.10.77')).toBe('192.168.10.77');
      expect(applied[0]?.caCertPem).toBe(current.caCertPem);
      expect(onError).not.toHaveBeenCalled();
    } finally {
      refresh.stop();
    }
  });
});
