/**
 * Messages of issue 9 §4 on the setup and enrol screens: the refusal outside a secure context (no
 * HTTPS), the setup code the server prints on its console, and the administrator's PIN length.
 * `en` defines the keys; the Chinese catalogues are typed against it. Merged in ../en.ts etc.
 */
export const httpsEn = {
  'https.insecure.title': 'This connection is not secure',
  'https.insecure.body':
    'Setting up the building and enrolling a tablet need the secure (HTTPS) address of the server. Over this one, PINs and the tablet’s key would cross the Wi-Fi in clear text, and the app could not work offline.',
  'https.insecure.steps': 'Install the building’s certificate on this tablet once, then open the secure address.',
  'https.insecure.link': 'Install the certificate and open the secure address',
  'https.setup.code': 'Setup code',
  'https.setup.code.hint': '8 characters, printed on the server’s console when it started',
  'https.setup.codeFormat': 'A setup code has 8 letters and digits',
  'https.setup.pin.hint': '{min} to {max} digits',
  'https.setup.pinAdmin': 'The administrator’s PIN has {min} to {max} digits',
};
type HttpsKey = keyof typeof httpsEn;

export const httpsZhHant: Record<HttpsKey, string> = {
  'https.insecure.title': '此連線不安全',
  'https.insecure.body':
    '設定大廈及登記平板電腦須使用伺服器的安全（HTTPS）地址。經此地址，PIN 及平板電腦的密鑰會以明文經 Wi-Fi 傳送，系統亦無法離線運作。',
  'https.insecure.steps': '請先在此平板電腦安裝一次大廈的憑證，再開啟安全地址。',
  'https.insecure.link': '安裝憑證並開啟安全地址',
  'https.setup.code': '設定碼',
  'https.setup.code.hint': '8 個字元，伺服器啟動時印在其控制台上',
  'https.setup.codeFormat': '設定碼由 8 個字母及數字組成',
  'https.setup.pin.hint': '{min} 至 {max} 位數字',
  'https.setup.pinAdmin': '管理員的 PIN 須為 {min} 至 {max} 位數字',
};

export const httpsZhHans: Record<HttpsKey, string> = {
  'https.insecure.title': '此连接不安全',
  'https.insecure.body':
    '设置大厦及登记平板电脑须使用服务器的安全（HTTPS）地址。经此地址，PIN 及平板电脑的密钥会以明文经 Wi-Fi 传送，系统也无法离线运行。',
  'https.insecure.steps': '请先在此平板电脑上安装一次大厦的证书，再打开安全地址。',
  'https.insecure.link': '安装证书并打开安全地址',
  'https.setup.code': '设置码',
  'https.setup.code.hint': '8 个字符，服务器启动时打印在其控制台上',
  'https.setup.codeFormat': '设置码由 8 个字母和数字组成',
  'https.setup.pin.hint': '{min} 至 {max} 位数字',
  'https.setup.pinAdmin': '管理员的 PIN 须为 {min} 至 {max} 位数字',
};
