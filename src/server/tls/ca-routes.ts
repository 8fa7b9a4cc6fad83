/**
 * GET /ca (the CA page), /ca.crt (the CA certificate) and /ca.css, on both listeners. The page
 * is chosen from `?lang=` (the switcher's links), else from Accept-Language.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';
import { apiError } from '../http/errors';
import { CA_PAGE_CSS, CA_CERT_PATH, CA_PAGE_PATH, CA_STYLE_PATH, renderCaPage, type CaInfo } from './ca-page';
import { isCaPageLanguage, languageFromHeader } from './ca-messages';

/** The HTTPS origin for a request's host: same host name, the HTTPS port (443 left out). */
export function httpsOriginFor(requestUrl: string, httpsPort: number): string {
  const host = new URL(requestUrl).hostname;
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}`;
}

/** The routes, mounted at the root of the app. */
export function caRoutes(info: CaInfo): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get(CA_PAGE_PATH, (c) => {
    const asked = c.req.query('lang');
    const language = isCaPageLanguage(asked) ? asked : languageFromHeader(c.req.header('Accept-Language'));
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Language', language);
    c.header('Vary', 'Accept-Language');
    return c.html(
      renderCaPage({
        language,
        mode: info.mode,
        fingerprint: info.caFingerprint,
        httpsUrl: `${httpsOriginFor(c.req.url, info.httpsPort())}/`,
      }),
    );
  });
  routes.get(CA_CERT_PATH, (c) => {
    if (info.caCertPem === null) {
      return apiError(c, 'not_found', 'no local CA: the company certificate is in use');
    }
    c.header('Content-Type', 'application/x-x509-ca-cert');
    c.header('Content-Disposition', 'attachment; filename="handover-desk-ca.crt"');
    c.header('Cache-Control', 'no-cache');
    return c.body(info.caCertPem);
  });
  routes.get(CA_STYLE_PATH, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(CA_PAGE_CSS);
  });
  return routes;
}
