/**
 * Issue 10 §8 (docs/deploy.md): a company may run the server behind a reverse proxy (nginx, Caddy)
 * that holds the real certificate. Then every connection comes from the proxy, so the per-address
 * rate limits and connection cap (issue 9 §7) would count all tablets as one, and plain HTTP from
 * the proxy would be redirected to the server's own HTTPS port. `TRUST_PROXY` names the proxies'
 * addresses: for a request whose socket is one of them, the client is the nearest address in
 * `X-Forwarded-For` that is not a trusted proxy, and `X-Forwarded-Proto: https` counts as HTTPS.
 * Forwarding headers from anyone else are ignored: any device on the network could write them.
 */
import { isIP } from 'node:net';

export type TrustedProxies = ReadonlySet<string>;

/** An IPv4 client of a dual-stack socket written as IPv4. */
export function normaliseAddress(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/** TRUST_PROXY: comma-separated IP addresses. @throws RangeError naming an entry that is not one. */
export function parseTrustProxy(text: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of (text ?? '').split(',')) {
    if (part.trim() === '') continue;
    const address = normaliseAddress(part);
    if (isIP(address) === 0) throw new RangeError(`TRUST_PROXY: "${part.trim()}" is not an IP address`);
    out.add(address);
  }
  return out;
}

/** The socket address of a request as @hono/node-server passes it (`env.incoming`). */
export function socketAddressOf(env: unknown): string | undefined {
  const raw = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
  return raw === undefined ? undefined : normaliseAddress(raw);
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the right-most
 * `X-Forwarded-For` entry that is not itself a trusted proxy (each proxy appends the address it saw).
 */
export function clientOf(socket: string, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  if (!trusted.has(socket) || !forwardedFor) return socket;
  const hops = forwardedFor
    .split(',')
    .map(normaliseAddress)
    .filter((a) => isIP(a) !== 0);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i] as string;
    if (!trusted.has(hop)) return hop;
  }
  return hops[0] ?? socket;
}

/** Whether a trusted proxy says the client's request came over HTTPS (its last `X-Forwarded-Proto`). */
export function forwardedHttps(socket: string | undefined, proto: string | null, trusted: TrustedProxies): boolean {
  if (socket === undefined || !trusted.has(socket) || !proto) return false;
  return proto.split(',').at(-1)?.trim().toLowerCase() === 'https';
}
