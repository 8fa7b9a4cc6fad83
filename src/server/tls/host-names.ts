/**
 * The names and addresses the server's certificate must cover: the machine's host name,
 * `localhost`, extra names from TLS_HOSTNAMES, and every address of its network interfaces, so a
 * tablet reaches it by whichever one the building's Wi-Fi gives it (issue 9 §4).
 */
import { hostname, networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { isIP } from 'node:net';

/** What a server certificate is made for: DNS names and IP addresses, each sorted and unique. */
export interface CertSubjects {
  names: string[];
  addresses: string[];
}

/** A DNS name as a certificate holds it: lower case, no trailing dot; null when not a host name. */
export function normaliseHostName(raw: string): string | null {
  const name = raw.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || name.length > 253 || isIP(name) !== 0) return null;
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
  return name.split('.').every((l) => label.test(l)) ? name : null;
}

/**
 * Every address of the machine a browser can put in a URL. IPv6 link-local addresses (fe80::/10)
 * are left out: they need a zone id (`%eth0`) that browsers do not accept in a URL.
 */
export function machineAddresses(interfaces = networkInterfaces()): string[] {
  const all: NetworkInterfaceInfo[] = Object.values(interfaces).flatMap((list) => list ?? []);
  return all.map((i) => i.address).filter((a) => !(isIP(a) === 6 && /^fe[89ab]/i.test(a)));
}

/** Splits TLS_HOSTNAMES (comma or space separated) into names and addresses; throws on a bad entry. */
export function parseExtraSubjects(raw: string | undefined): CertSubjects {
  const names: string[] = [];
  const addresses: string[] = [];
  for (const entry of (raw ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (isIP(entry) !== 0) addresses.push(entry);
    else {
      const name = normaliseHostName(entry);
      if (!name) throw new Error(`TLS_HOSTNAMES: "${entry}" is neither a host name nor an IP address`);
      names.push(name);
    }
  }
  return { names, addresses };
}

/** The subjects of this machine now: host name, localhost, the extras, and every address. */
export function wantedSubjects(extra: CertSubjects, host = hostname(), addresses = machineAddresses()): CertSubjects {
  const names = [normaliseHostName(host), 'localhost', ...extra.names].filter((n): n is string => n !== null);
  return {
    names: uniqueSorted(names),
    addresses: uniqueSorted([...addresses, ...extra.addresses].map(canonicalAddress)),
  };
}

/** One spelling per address, so a stored certificate compares equal to the wanted list. */
export function canonicalAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** True when both lists hold the same names and addresses. */
export function sameSubjects(a: CertSubjects, b: CertSubjects): boolean {
  const key = (s: CertSubjects) => JSON.stringify([uniqueSorted(s.names), uniqueSorted(s.addresses)]);
  return key(a) === key(b);
}
