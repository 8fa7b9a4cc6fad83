/**
 * What the HTTPS listener serves (issue 9 §4): the company's own certificate when TLS_CERT and
 * TLS_KEY are set, otherwise the local CA's server certificate for this machine's names and
 * addresses, checked again periodically so a new address gets a new certificate without a restart.
 */
import { readFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { wantedSubjects, type CertSubjects } from './host-names';
import { ensureLocalCa, tlsDir } from './local-ca';
import { ensureServerCert } from './server-cert';
import { fingerprintOf } from './x509';

/** The company's certificate files (PEM paths), from TLS_CERT and TLS_KEY. */
export interface CompanyCertificate {
  certPath: string;
  keyPath: string;
}

/** The certificate in use and, for the local CA, the CA a tablet must trust. */
export interface TlsMaterial {
  mode: 'local-ca' | 'company';
  certPem: string;
  keyPem: string;
  /** The local CA's certificate (served at /ca.crt); null with the company's certificate. */
  caCertPem: string | null;
  /** SHA-256 of the CA certificate, shown on /ca to compare with what the tablet displays. */
  caFingerprint: string | null;
}

export interface TlsMaterialOptions {
  dataDir: string;
  company?: CompanyCertificate | undefined;
  /** Names and addresses from TLS_HOSTNAMES, beside the machine's own. */
  extra: CertSubjects;
  nowMs: number;
  /** Told what was made: a new CA, or a server certificate renewed (and why). */
  onEvent?: (msg: string, fields: Record<string, unknown>) => void;
  /** The machine's subjects now; the real interfaces and host name unless given (tests). */
  subjects?: () => CertSubjects;
}

/** Reads the company's certificate and key; throws a clear error when they do not belong together. */
export function readCompanyCertificate(company: CompanyCertificate): TlsMaterial {
  const certPem = readFileSync(company.certPath, 'utf8');
  const keyPem = readFileSync(company.keyPath, 'utf8');
  const cert = new X509Certificate(certPem);
  if (!cert.checkPrivateKey(createPrivateKey(keyPem))) {
    throw new Error(`TLS_KEY (${company.keyPath}) is not the private key of TLS_CERT (${company.certPath})`);
  }
  return { mode: 'company', certPem, keyPem, caCertPem: null, caFingerprint: null };
}

/**
 * The TLS material of this start: the company's certificate, or the local CA (made on first
 * start) and a server certificate that covers the machine's names and addresses now.
 */
export async function loadTlsMaterial(opts: TlsMaterialOptions): Promise<TlsMaterial> {
  if (opts.company) return readCompanyCertificate(opts.company);
  const dir = tlsDir(opts.dataDir);
  const { ca, created } = await ensureLocalCa(dir, opts.nowMs);
  if (created) opts.onEvent?.('local CA created', { dir, fingerprint: fingerprintOf(ca.certPem) });
  const wanted = opts.subjects?.() ?? wantedSubjects(opts.extra);
  const server = await ensureServerCert(dir, ca, wanted, opts.nowMs);
  if (server.renewed) opts.onEvent?.('server certificate made', { reason: server.renewed, ...wanted });
  return {
    mode: 'local-ca',
    certPem: server.certPem,
    keyPem: server.keyPem,
    caCertPem: ca.certPem,
    caFingerprint: fingerprintOf(ca.certPem),
  };
}

/** How often the local CA's server certificate is checked against the machine's names and addresses. */
export const TLS_REFRESH_MS = 10 * 60_000;

/**
 * Checks the local CA's certificate every `intervalMs` (a new DHCP address, a renamed machine, a
 * certificate near its end) and hands a changed one to `apply` (https.Server#setSecureContext), so
 * tablets reach the new address without a restart. Nothing to do with the company's certificate.
 */
export function startTlsRefresh(
  opts: Omit<TlsMaterialOptions, 'nowMs'> & {
    now: () => number;
    current: TlsMaterial;
    apply(material: TlsMaterial): void;
    onError(err: unknown): void;
    intervalMs?: number;
  },
): { stop(): void } {
  if (opts.company) return { stop() {} };
  let current = opts.current;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    loadTlsMaterial({ ...opts, nowMs: opts.now() })
      .then((next) => {
        if (next.certPem === current.certPem && next.caCertPem === current.caCertPem) return;
        current = next;
        opts.apply(next);
      })
      .catch(opts.onError)
      .finally(() => {
        running = false;
      });
  }, opts.intervalMs ?? TLS_REFRESH_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
