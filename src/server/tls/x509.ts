/**
 * The one place that loads @peculiar/x509 (with the Reflect polyfill it requires) and points it at
 * Node's webcrypto, so every other module of the local CA sees a ready library.
 */
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
export const subtle = webcrypto.subtle;

/** ECDSA P-256 with SHA-256: small, fast to make, and accepted by iPadOS, Android and Chrome. */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** A fresh key pair for a certificate; extractable so that its private key can be saved. */
export async function generateKeys(): Promise<CryptoKeyPair> {
  return (await subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** PKCS#8 PEM of a private key. */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** The private key of a PKCS#8 PEM, usable to sign certificates. */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0];
  if (!der) throw new Error('no PEM block in the private key file');
  return subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

/** A positive random 128-bit serial number in hex (RFC 5280 allows up to 20 octets). */
export function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString('hex');
}

/** The SHA-256 fingerprint of a certificate, as the colon-separated upper-case hex browsers show. */
export function fingerprintOf(certPem: string): string {
  const der = x509.PemConverter.decode(certPem)[0];
  if (!der) throw new Error('no PEM block in the certificate');
  const hex = createHash('sha256').update(new Uint8Array(der)).digest('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? hex;
}

/** Base64 of the SHA-256 of a certificate's SubjectPublicKeyInfo (what HPKP and Chromium's SPKI lists use). */
export function spkiHashOf(certPem: string): string {
  const cert = new x509.X509Certificate(certPem);
  return createHash('sha256').update(new Uint8Array(cert.publicKey.rawData)).digest('base64');
}
