/**
 * Issue 9 §7: the security headers of every response (API, the built app, errors, 404s), with
 * `hono/secure-headers`. The Content-Security-Policy allows exactly what the built PWA loads (checked
 * against `dist/` and in Chromium): its own scripts and styles (no inline ones), the QR decoder's
 * WebAssembly (`'wasm-unsafe-eval'` compiles it; it runs no `eval`), the signature pad's data URLs
 * and the photos' blob URLs as images, its service worker and manifest. Nothing may frame the app
 * (clickjacking a PIN pad), and the camera is the only powerful feature, for this origin only (QR
 * scanning). HSTS is left to the HTTPS listener: over plain HTTP browsers ignore it.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env';

/** The policy as sent; tests and docs/security.md quote it. */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'blob:', 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Security headers on every response; mounted first in app.ts so it sees errors and 404s too. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    strictTransportSecurity: false,
    // Only features Chromium knows: an unknown one ('bluetooth' on Linux) is a console error per load.
    permissionsPolicy: {
      camera: ['self'],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      serial: [],
      hid: [],
      midi: [],
      displayCapture: [],
    },
  });
}
