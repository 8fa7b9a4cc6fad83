/**
 * The CA page (/ca): a plain server-rendered page, no app code, that lets a person install the
 * building's CA on a tablet (iPad and Android steps), compare its fingerprint, and then open the
 * app at its HTTPS address. With the company's certificate it says so and gives the address only.
 */
import { CA_LANGUAGE_NAMES, CA_MESSAGES, CA_PAGE_LANGUAGES, type CaPageLanguage } from './ca-messages';

export const CA_PAGE_PATH = '/ca';
export const CA_CERT_PATH = '/ca.crt';
export const CA_STYLE_PATH = '/ca.css';

/** What the CA routes need to know of the TLS set-up; the HTTPS port is known only once it listens. */
export interface CaInfo {
  mode: 'local-ca' | 'company';
  caCertPem: string | null;
  caFingerprint: string | null;
  httpsPort(): number;
}

export interface CaPageView {
  language: CaPageLanguage;
  mode: 'local-ca' | 'company';
  /** The CA certificate's SHA-256, colon-separated hex; null with the company's certificate. */
  fingerprint: string | null;
  /** Where the app is served over HTTPS, for the host the tablet used. */
  httpsUrl: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const steps = (items: readonly string[]) => `<ol>${items.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`;

/** The whole page as HTML. */
export function renderCaPage(view: CaPageView): string {
  const m = CA_MESSAGES[view.language];
  const switcher = CA_PAGE_LANGUAGES.map((lang) =>
    lang === view.language
      ? `<a href="${CA_PAGE_PATH}?lang=${lang}" lang="${lang}" aria-current="page">${CA_LANGUAGE_NAMES[lang]}</a>`
      : `<a href="${CA_PAGE_PATH}?lang=${lang}" lang="${lang}">${CA_LANGUAGE_NAMES[lang]}</a>`,
  ).join(' ');
  const url = escapeHtml(view.httpsUrl);
  const trust =
    view.mode === 'company' || view.fingerprint === null
      ? `<p>${escapeHtml(m.company)}</p>`
      : [
          `<p>${escapeHtml(m.intro)}</p>`,
          `<p><a class="button" href="${CA_CERT_PATH}" download="handover-desk-ca.crt">${escapeHtml(m.download)}</a></p>`,
          `<h2>${escapeHtml(m.fingerprint)}</h2>`,
          `<p><code class="fingerprint">${escapeHtml(view.fingerprint)}</code></p>`,
          `<p>${escapeHtml(m.fingerprintHint)}</p>`,
          `<h2>${escapeHtml(m.ipadTitle)}</h2>`,
          steps(m.ipadSteps),
          `<h2>${escapeHtml(m.androidTitle)}</h2>`,
          steps(m.androidSteps),
        ].join('\n');
  return `<!doctype html>
<html lang="${m.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(m.title)}</title>
<link rel="stylesheet" href="${CA_STYLE_PATH}">
</head>
<body>
<main>
<h1>${escapeHtml(m.title)}</h1>
<nav aria-label="${escapeHtml(m.languages)}">${switcher}</nav>
${trust}
<h2>${escapeHtml(m.openTitle)}</h2>
<p>${escapeHtml(m.openHint)}</p>
<p><a class="button" href="${url}">${url}</a></p>
</main>
</body>
</html>
`;
}

/**
 * The page's few rules, served as a file (the app's CSP allows no inline style): readable on a
 * tablet, and links at least 48 px tall for a finger.
 */
export const CA_PAGE_CSS = `body{font:18px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
main{max-width:44rem;margin:0 auto;padding:1.5rem}
nav a,a.button{display:inline-flex;align-items:center;min-height:48px;padding:0 1rem;margin:.25rem .25rem .25rem 0;border:1px solid #1d4ed8;border-radius:8px;color:#1d4ed8;text-decoration:none}
a.button{background:#1d4ed8;color:#fff;word-break:break-all}
nav a[aria-current]{background:#e0e7ff}
code.fingerprint{display:block;word-break:break-all;font-size:16px;background:#fff;padding:.5rem;border:1px solid #ccc}
li{margin:.5rem 0}
`;
