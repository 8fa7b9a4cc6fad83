/** Issue 9 §4: the CA page in three languages, chosen from Accept-Language or the switcher's links. */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/server/http/app';
import { silentLogger } from '../../../../src/server/logger';
import { openSqliteStore } from '../../../../src/server/store/sqlite-store';
import { languageFromHeader } from '../../../../src/server/tls/ca-messages';
import { escapeHtml } from '../../../../src/server/tls/ca-page';

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const FINGERPRINT = 'AB:CD:EF:01';

function app(mode: 'local-ca' | 'company' = 'local-ca') {
  return createApp({
    store: openSqliteStore(':memory:', { nowMs: Date.now() }),
    now: Date.now,
    logger: silentLogger,
    version: 'test',
    bodyLimitBytes: 1_048_576,
    tls: {
      mode,
      caCertPem: mode === 'company' ? null : CA_PEM,
      caFingerprint: mode === 'company' ? null : FINGERPRINT,
      httpsPort: () => 8443,
    },
  });
}

async function page(path: string, acceptLanguage?: string): Promise<{ html: string; lang: string | null }> {
  const res = await app().request(`http://192.168.10.20:8080${path}`, {
    headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {},
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return { html: await res.text(), lang: res.headers.get('content-language') };
}

describe('the CA page (issue 9 §4)', () => {
  it('speaks Traditional Chinese, Simplified Chinese or English from Accept-Language', async () => {
    const hant = await page('/ca', 'zh-TW,zh;q=0.9,en;q=0.8');
    expect(hant.lang).toBe('zh-Hant');
    expect(hant.html).toContain('<html lang="zh-Hant">');
    expect(hant.html).toContain('信任本大廈的交接班伺服器');
    expect(hant.html).toContain('「設定」→「一般」→「關於本機」→「憑證信任設定」');
    expect(hant.html).toContain('「設定」→「安全性」→「加密與憑證」→「安裝憑證」→「CA 憑證」');

    const hans = await page('/ca', 'zh-CN');
    expect(hans.lang).toBe('zh-Hans');
    expect(hans.html).toContain('信任本大厦的交接班服务器');
    expect(hans.html).toContain('“设置”→“通用”→“关于本机”→“证书信任设置”');

    const en = await page('/ca', 'fr-FR, en;q=0.5');
    expect(en.lang).toBe('en');
    expect(en.html).toContain('Settings → General → About → Certificate Trust Settings');
    expect(en.html).toContain('Settings → Profile Downloaded, tap Install');
    expect(en.html).toContain(
      'Settings → Security → Encryption &amp; credentials → Install a certificate → CA certificate',
    );
  });

  it('offers the certificate, its fingerprint, the HTTPS address and links to switch language', async () => {
    const { html } = await page('/ca?lang=zh-Hans', 'en');
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('href="/ca.crt"');
    expect(html).toContain(FINGERPRINT);
    expect(html).toContain('href="https://192.168.10.20:8443/"');
    for (const lang of ['zh-Hant', 'zh-Hans', 'en']) expect(html).toContain(`href="/ca?lang=${lang}"`);
    // A plain page: no script of the app.
    expect(html).not.toContain('<script');
  });

  it('serves the certificate as application/x-x509-ca-cert; with the company certificate it has none', async () => {
    const res = await app().request('http://localhost:8080/ca.crt');
    expect(res.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(await res.text()).toBe(CA_PEM);
    expect((await app('company').request('http://localhost:8080/ca.crt')).status).toBe(404);
  });

  it('reads Accept-Language by weight, maps Chinese by script then region, and escapes text', () => {
    expect(languageFromHeader('en;q=0.4, zh-HK;q=0.8')).toBe('zh-Hant');
    expect(languageFromHeader('zh-Hant-TW')).toBe('zh-Hant');
    expect(languageFromHeader('zh')).toBe('zh-Hans');
    expect(languageFromHeader('zh-SG')).toBe('zh-Hans');
    expect(languageFromHeader('de, ja')).toBe('en');
    expect(languageFromHeader(undefined)).toBe('en');
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});
