/**
 * The building's own certificate authority (issue 9 §4). Made on first start under
 * `DATA_DIR/tls/`, it signs the server's certificate for its names and LAN addresses; tablets
 * trust the CA once (the /ca page) and every later server certificate with it. Private keys are
 * written with mode 0600 and never leave the server.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { generateKeys, importPrivateKey, privateKeyPem, randomSerial, x509, KEY_ALGORITHM } from './x509';

const DAY_MS = 86_400_000;
/** Ten years: a tablet trusts the CA once, for the life of the building's setup. */
export const CA_LIFETIME_DAYS = 3650;
/** A CA this close to its end is replaced (tablets must trust the new one). */
export const CA_RENEW_DAYS = 90;

export const TLS_DIR_NAME = 'tls';
export const CA_CERT_FILE = 'ca.crt';
export const CA_KEY_FILE = 'ca.key';

/** The CA: its certificate (PEM, public) and signing key (never exported). */
export interface LocalCa {
  certPem: string;
  cert: x509.X509Certificate;
  key: CryptoKey;
}

/** Writes a file readable by its owner only (a private key). */
export function writePrivateFile(path: string, content: string): void {
  writeFileSync(path, content, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file; an existing file is tightened too.
  chmodSync(path, 0o600);
}

/** The TLS directory under the data dir, created owner-only. */
export function tlsDir(dataDir: string): string {
  const dir = join(dataDir, TLS_DIR_NAME);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

function usable(cert: x509.X509Certificate, nowMs: number, renewDays: number): boolean {
  return cert.notBefore.getTime() <= nowMs && cert.notAfter.getTime() - nowMs > renewDays * DAY_MS;
}

/** The CA of `dir`, loaded, or made (and saved) when missing, unreadable or near its end. */
export async function ensureLocalCa(dir: string, nowMs: number): Promise<{ ca: LocalCa; created: boolean }> {
  const certPath = join(dir, CA_CERT_FILE);
  const keyPath = join(dir, CA_KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    const loaded = await loadCa(readFileSync(certPath, 'utf8'), readFileSync(keyPath, 'utf8')).catch(() => null);
    if (loaded && usable(loaded.cert, nowMs, CA_RENEW_DAYS)) return { ca: loaded, created: false };
  }
  const ca = await createCa(nowMs);
  writePrivateFile(keyPath, await privateKeyPem(ca.key));
  writeFileSync(certPath, ca.certPem);
  return { ca, created: true };
}

async function loadCa(certPem: string, keyPem: string): Promise<LocalCa> {
  const cert = new x509.X509Certificate(certPem);
  return { certPem, cert, key: await importPrivateKey(keyPem) };
}

async function createCa(nowMs: number): Promise<LocalCa> {
  const keys = await generateKeys();
  // The name says whose CA it is, so a person reading the trust settings on a tablet recognises it.
  const name = `CN=Handover Desk local CA (${hostname()
    .replace(/[,=+<>#;"\\]/g, ' ')
    .slice(0, 40)}), O=Handover Desk`;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    // An hour back: a tablet whose clock is a little behind still accepts it.
    notBefore: new Date(nowMs - 3_600_000),
    notAfter: new Date(nowMs + CA_LIFETIME_DAYS * DAY_MS),
    signingAlgorithm: KEY_ALGORITHM,
    keys,
    extensions: [
      // pathLength 0: the CA signs server certificates only, never another CA.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), cert, key: keys.privateKey };
}
