/**
 * The words of the CA page (/ca), in the app's three languages. The page is server-rendered with
 * no app code (a tablet that does not trust the server yet cannot run the app), so its strings
 * live here rather than in the tablet's catalogues. Chinese follows the platforms' own menu names.
 */
export const CA_PAGE_LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type CaPageLanguage = (typeof CA_PAGE_LANGUAGES)[number];

/** How each language names itself in the switcher (never translated). */
export const CA_LANGUAGE_NAMES: Record<CaPageLanguage, string> = {
  'zh-Hant': '繁體中文',
  'zh-Hans': '简体中文',
  en: 'English',
};

export interface CaPageMessages {
  htmlLang: string;
  title: string;
  intro: string;
  company: string;
  download: string;
  fingerprint: string;
  fingerprintHint: string;
  ipadTitle: string;
  ipadSteps: readonly string[];
  androidTitle: string;
  androidSteps: readonly string[];
  openTitle: string;
  openHint: string;
  languages: string;
}

const en: CaPageMessages = {
  htmlLang: 'en',
  title: 'Trust this building’s Handover Desk server',
  intro:
    'Tablets open Handover Desk over HTTPS. This server made its own certificate authority (CA) for the building. Install it once on each tablet; the tablet then trusts the server’s certificate.',
  company:
    'This server uses your company’s own certificate. Tablets managed by the company already trust it: open the address below.',
  download: 'Download the CA certificate',
  fingerprint: 'SHA-256 fingerprint',
  fingerprintHint: 'Before you trust the certificate, check that the tablet shows this same fingerprint.',
  ipadTitle: 'iPad',
  ipadSteps: [
    'Open this page in Safari on the iPad and tap “Download the CA certificate”, then Allow.',
    'Open Settings → Profile Downloaded, tap Install, enter the iPad’s passcode and tap Install again.',
    'Open Settings → General → About → Certificate Trust Settings and turn on full trust for “Handover Desk local CA”.',
  ],
  androidTitle: 'Android tablet',
  androidSteps: [
    'Tap “Download the CA certificate” and keep the file.',
    'Open Settings → Security → Encryption & credentials → Install a certificate → CA certificate, tap Install anyway and choose the downloaded file.',
    'If the menus are named differently on your tablet, search Settings for “certificate”.',
  ],
  openTitle: 'Then open Handover Desk',
  openHint: 'Open this address on the tablet and add it to the home screen:',
  languages: 'Language',
};

const zhHant: CaPageMessages = {
  htmlLang: 'zh-Hant',
  title: '信任本大廈的交接班伺服器',
  intro:
    '平板電腦經 HTTPS 開啟交接班系統。本伺服器已為大廈建立自己的憑證機構（CA）。請在每部平板電腦上安裝一次，平板電腦便會信任伺服器的憑證。',
  company: '本伺服器使用公司自己的憑證。由公司管理的平板電腦已信任此憑證：請直接開啟下面的地址。',
  download: '下載 CA 憑證',
  fingerprint: 'SHA-256 指紋',
  fingerprintHint: '信任憑證之前，請核對平板電腦顯示的指紋與此相同。',
  ipadTitle: 'iPad',
  ipadSteps: [
    '在 iPad 的 Safari 開啟本頁，點按「下載 CA 憑證」，再點按「允許」。',
    '開啟「設定」→「已下載描述檔」，點按「安裝」，輸入 iPad 密碼，再點按「安裝」。',
    '開啟「設定」→「一般」→「關於本機」→「憑證信任設定」，為「Handover Desk local CA」啟用完全信任。',
  ],
  androidTitle: 'Android 平板電腦',
  androidSteps: [
    '點按「下載 CA 憑證」並保留檔案。',
    '開啟「設定」→「安全性」→「加密與憑證」→「安裝憑證」→「CA 憑證」，點按「仍要安裝」，再選擇下載的檔案。',
    '如平板電腦的選單名稱不同，請在「設定」中搜尋「憑證」。',
  ],
  openTitle: '然後開啟交接班系統',
  openHint: '在平板電腦上開啟以下地址，並加入主畫面：',
  languages: '語言',
};

const zhHans: CaPageMessages = {
  htmlLang: 'zh-Hans',
  title: '信任本大厦的交接班服务器',
  intro:
    '平板电脑通过 HTTPS 打开交接班系统。本服务器已为大厦创建自己的证书颁发机构（CA）。请在每台平板电脑上安装一次，平板电脑便会信任服务器的证书。',
  company: '本服务器使用公司自己的证书。由公司管理的平板电脑已信任此证书：请直接打开下面的地址。',
  download: '下载 CA 证书',
  fingerprint: 'SHA-256 指纹',
  fingerprintHint: '信任证书之前，请核对平板电脑显示的指纹与此相同。',
  ipadTitle: 'iPad',
  ipadSteps: [
    '在 iPad 的 Safari 中打开本页，轻点“下载 CA 证书”，再轻点“允许”。',
    '打开“设置”→“已下载描述文件”，轻点“安装”，输入 iPad 密码，再轻点“安装”。',
    '打开“设置”→“通用”→“关于本机”→“证书信任设置”，为“Handover Desk local CA”启用完全信任。',
  ],
  androidTitle: 'Android 平板电脑',
  androidSteps: [
    '轻点“下载 CA 证书”并保留文件。',
    '打开“设置”→“安全”→“加密与凭据”→“安装证书”→“CA 证书”，轻点“仍然安装”，再选择下载的文件。',
    '如平板电脑的菜单名称不同，请在“设置”中搜索“证书”。',
  ],
  openTitle: '然后打开交接班系统',
  openHint: '在平板电脑上打开以下地址，并添加到主屏幕：',
  languages: '语言',
};

export const CA_MESSAGES: Record<CaPageLanguage, CaPageMessages> = { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en };

export function isCaPageLanguage(value: unknown): value is CaPageLanguage {
  return typeof value === 'string' && (CA_PAGE_LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language for an Accept-Language header, by the tablet app's rule: Chinese by script, then
 * region (Taiwan, Hong Kong, Macau write Traditional; the rest and a bare `zh` Simplified);
 * English otherwise. Tags are taken in the order of their q weights.
 */
export function languageFromHeader(header: string | undefined): CaPageLanguage {
  const tags = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((t) => t.tag !== '' && t.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag !== 'zh' && !tag.startsWith('zh-')) continue;
    const parts = tag.split('-');
    if (parts.includes('hant')) return 'zh-Hant';
    if (parts.includes('hans')) return 'zh-Hans';
    return parts.some((p) => p === 'tw' || p === 'hk' || p === 'mo') ? 'zh-Hant' : 'zh-Hans';
  }
  return 'en';
}
