import { useT } from '../i18n/use-t';
import { LanguageSwitcher } from './language-switcher';

/**
 * Issue 9 §4: true when the page runs in a secure context (HTTPS with a trusted certificate, or
 * the server machine's own localhost). Without one the browser withholds `crypto.subtle` and the
 * service worker, and whatever the form sent would cross the Wi-Fi in clear text.
 */
export function inSecureContext(): boolean {
  return globalThis.isSecureContext === true;
}

/**
 * What the setup and enrol screens show instead of their form outside a secure context: why, and
 * a link to the server's CA page on the same host (/ca), which installs the building's
 * certificate and gives the HTTPS address.
 */
export function SecureContextRefusal({ title }: { title: string }) {
  const t = useT();
  return (
    <main className="centered-screen">
      <div className="card">
        <div className="card-top">
          <h1>{title}</h1>
          <LanguageSwitcher />
        </div>
        <section role="alert" aria-labelledby="insecure-title" className="callout">
          <h2 id="insecure-title">{t('https.insecure.title')}</h2>
          <p>{t('https.insecure.body')}</p>
          <p>{t('https.insecure.steps')}</p>
        </section>
        {/* A full navigation to the server's own page: the app's router does not know /ca. */}
        <a className="btn btn-primary btn-large" href="/ca">
          {t('https.insecure.link')}
        </a>
      </div>
    </main>
  );
}
