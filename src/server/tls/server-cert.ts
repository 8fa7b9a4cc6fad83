/**
 * The server's certificate, signed by the local CA for the machine's names and addresses
 * (host-names.ts). It is made again when the names or addresses change, when the CA changed, or
 * when it nears its end; its lifetime stays within the 398 days iPadOS and Chrome accept.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalAddress, sameSubjects, type CertSubjects } from './host-names';
import { writePrivateFile, type LocalCa } from './local-ca';
import { generateKeys, privateKeyPem, randomSerial, x509, KEY_ALGORITHM } from './x509';

const DAY_MS = 86_400_000;
/** Below Apple's and Chrome's limit of 398 days for a TLS server certificate. */
export const SERVER_CERT_LIFETIME_DAYS = 397;
/** Renewed this long before its end, at a start or at a periodic check. */
export const SERVER_CERT_RENEW_DAYS = 30;

export const SERVER_CERT_FILE = 'server.crt';
export const SERVER_KEY_FILE = 'server.key';

/** A certificate and key in PEM, ready for `https.createServer`. */
export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

/** The DNS names and IP addresses a certificate holds in its subjectAltName. */
export function subjectsOf(cert: x509.X509Certificate): CertSubjects {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names: string[] = [];
  const addresses: string[] = [];
  for (const n of san?.names.items ?? []) {
    if (n.type === 'dns') names.push(n.value.toLowerCase());
    else if (n.type === 'ip') addresses.push(canonicalAddress(n.value));
  }
  return { names, addresses };
}

/** Why the stored certificate must be made again, or null when it still serves. */
async function staleReason(
  cert: x509.X509Certificate,
  ca: LocalCa,
  wanted: CertSubjects,
  nowMs: number,
): Promise<string | null> {
  if (!(await cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }))) return 'signed by another CA';
  if (cert.notBefore.getTime() > nowMs) return 'not yet valid';
  if (cert.notAfter.getTime() - nowMs <= SERVER_CERT_RENEW_DAYS * DAY_MS) return 'near its end';
  if (!sameSubjects(subjectsOf(cert), wanted)) return 'names or addresses changed';
  return null;
}

/**
 * The server certificate of `dir` for `wanted`: the stored one while it still fits, else a new
 * one (saved, key mode 0600). `renewed` says why a new one was made, for the log.
 */
export async function ensureServerCert(
  dir: string,
  ca: LocalCa,
  wanted: CertSubjects,
  nowMs: number,
): Promise<ServerCertificate & { renewed: string | null }> {
  const certPath = join(dir, SERVER_CERT_FILE);
  const keyPath = join(dir, SERVER_KEY_FILE);
  let reason = 'missing';
  if (existsSync(certPath) && existsSync(keyPath)) {
    const certPem = readFileSync(certPath, 'utf8');
    const keyPem = readFileSync(keyPath, 'utf8');
    const stale = await staleReason(new x509.X509Certificate(certPem), ca, wanted, nowMs).catch(() => 'unreadable');
    if (stale === null) return { certPem, keyPem, renewed: null };
    reason = stale;
  }
  const made = await issueServerCert(ca, wanted, nowMs);
  writePrivateFile(keyPath, made.keyPem);
  writeFileSync(certPath, made.certPem);
  return { ...made, renewed: reason };
}

/** A new key and certificate for `subjects`, signed by the CA. */
export async function issueServerCert(ca: LocalCa, subjects: CertSubjects, nowMs: number): Promise<ServerCertificate> {
  const keys = await generateKeys();
  const first = subjects.names[0] ?? subjects.addresses[0] ?? 'localhost';
  const notAfter = Math.min(nowMs + SERVER_CERT_LIFETIME_DAYS * DAY_MS, ca.cert.notAfter.getTime());
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${first}`,
    issuer: ca.cert.subject,
    notBefore: new Date(nowMs - 3_600_000),
    notAfter: new Date(notAfter),
    signingAlgorithm: KEY_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      // iPadOS requires serverAuth in the extended key usage of a TLS server certificate.
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      // Browsers read only subjectAltName, never the CN; IPs are iPAddress entries, not DNS ones.
      new x509.SubjectAlternativeNameExtension([
        ...subjects.names.map((value) => ({ type: 'dns' as const, value })),
        ...subjects.addresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}
