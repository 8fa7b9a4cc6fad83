/**
 * What each listener adds around the one app (issue 9 §4). HTTPS answers carry HSTS. Plain HTTP
 * serves a browser on the server machine itself (localhost) as before; a request that reached it
 * by any other host name or address, i.e. over the building's network, gets only the CA page and
 * the CA certificate, and every other path is sent to the same path over HTTPS (308 keeps the
 * method and body), so no token or PIN proof crosses the Wi-Fi in clear text.
 */
import { CA_CERT_PATH, CA_PAGE_PATH, CA_STYLE_PATH } from './ca-page';
import { httpsOriginFor } from './ca-routes';
import { forwardedHttps, socketAddressOf, type TrustedProxies } from '../http/trusted-proxy';

/** A fetch handler as @hono/node-server calls it. */
export type FetchHandler = (request: Request, env?: unknown) => Response | Promise<Response>;

export const HSTS_VALUE = 'max-age=31536000';

/** The paths plain HTTP still serves to another machine: what it needs to trust the CA. */
const PLAIN_HTTP_PATHS: ReadonlySet<string> = new Set([CA_PAGE_PATH, CA_CERT_PATH, CA_STYLE_PATH]);

/** True for a request addressed to this machine itself (localhost, 127.0.0.1, [::1]). */
export function isLoopbackHost(requestUrl: string): boolean {
  const host = new URL(requestUrl).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** A response whose headers may be changed (a fetched or static Response may be immutable). */
function withHeader(res: Response, name: string, value: string): Response {
  try {
    res.headers.set(name, value);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    copy.headers.set(name, value);
    return copy;
  }
}

/** The HTTPS listener's handler: the app, with Strict-Transport-Security on every answer. */
export function httpsHandler(app: FetchHandler): FetchHandler {
  return async (request, env) => withHeader(await app(request, env), 'Strict-Transport-Security', HSTS_VALUE);
}

/**
 * The plain HTTP listener's handler: the app for localhost, and (issue 10 §8) for a trusted reverse
 * proxy that says the client came over HTTPS; for others the CA page or a 308.
 */
export function plainHttpHandler(
  app: FetchHandler,
  httpsPort: () => number,
  trusted: TrustedProxies = new Set(),
): FetchHandler {
  return (request, env) => {
    if (isLoopbackHost(request.url)) return app(request, env);
    if (forwardedHttps(socketAddressOf(env), request.headers.get('x-forwarded-proto'), trusted)) {
      return app(request, env);
    }
    const url = new URL(request.url);
    if ((request.method === 'GET' || request.method === 'HEAD') && PLAIN_HTTP_PATHS.has(url.pathname)) {
      return app(request, env);
    }
    const target = `${httpsOriginFor(request.url, httpsPort())}${url.pathname}${url.search}`;
    return new Response(null, { status: 308, headers: { Location: target, 'Cache-Control': 'no-store' } });
  };
}
