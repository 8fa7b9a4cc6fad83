/**
 * Messages of issue 9 §3 on the tablet (auth-client): signing in again after a reload, people
 * whose PIN the server checks, old PIN hashes upgraded online, and writes refused before anything
 * is saved because the person's PIN was not typed in this page. `en` defines the keys.
 */
export const authEn = {
  'signin.notice.signInAgain': 'The app was reopened. For your security, please enter your PIN again.',
  'signin.onlineOnly':
    'This person signs in only when the tablet is online: their PIN is checked by the server. Check the network and try again.',
  'signin.serverRefused': 'The server did not accept this sign-in ({code}). Try again, or call the administrator.',
  'signin.readOnly.offline':
    'Signed in for reading only. Your PIN must be confirmed online once before you can make changes: sign in again when the tablet is online.',
  'signin.readOnly.weakPin':
    'Signed in for reading only. Your PIN is too short for your role now: ask an admin to set a new PIN before you make changes.',
  'signin.readOnly.refused':
    'Signed in for reading only. The server could not confirm your PIN just now: sign in again later before you make changes.',
  'error.proofKeyMissing':
    'Not saved: the PIN of the person named has not been entered since the app was opened. Sign in again and retry.',
  'error.pinUpgradeNeeded':
    'Not saved: your PIN must be confirmed online once before you can make changes. Sign in again while the tablet is online.',
};
type AuthKey = keyof typeof authEn;

export const authZhHant: Record<AuthKey, string> = {
  'signin.notice.signInAgain': '程式已重新開啟。為保安全，請再次輸入密碼。',
  'signin.onlineOnly': '此員工的密碼由伺服器核對，只可在平板電腦連線時登入。請檢查網絡後再試。',
  'signin.serverRefused': '伺服器不接受這次登入（{code}）。請再試，或聯絡管理員。',
  'signin.readOnly.offline':
    '已登入，但只可查閱。您的密碼須先在連線時確認一次才可作出更改：請於平板電腦連線時再次登入。',
  'signin.readOnly.weakPin': '已登入，但只可查閱。您的密碼對您的職級而言太短：請先請管理員設定新密碼，才作出更改。',
  'signin.readOnly.refused': '已登入，但只可查閱。伺服器暫時未能確認您的密碼：請稍後再次登入，才作出更改。',
  'error.proofKeyMissing': '未儲存：程式開啟後尚未輸入此員工的密碼。請再次登入後重試。',
  'error.pinUpgradeNeeded': '未儲存：您的密碼須先在連線時確認一次才可作出更改。請於平板電腦連線時再次登入。',
};

export const authZhHans: Record<AuthKey, string> = {
  'signin.notice.signInAgain': '程序已重新打开。为了安全，请再次输入密码。',
  'signin.onlineOnly': '该员工的密码由服务器核对，只能在平板电脑联网时登录。请检查网络后再试。',
  'signin.serverRefused': '服务器不接受这次登录（{code}）。请再试，或联系管理员。',
  'signin.readOnly.offline':
    '已登录，但只能查阅。您的密码须先在联网时确认一次才能进行更改：请在平板电脑联网时再次登录。',
  'signin.readOnly.weakPin': '已登录，但只能查阅。您的密码对您的职级而言太短：请先让管理员设置新密码，再进行更改。',
  'signin.readOnly.refused': '已登录，但只能查阅。服务器暂时无法确认您的密码：请稍后再次登录，再进行更改。',
  'error.proofKeyMissing': '未保存：程序打开后尚未输入该员工的密码。请再次登录后重试。',
  'error.pinUpgradeNeeded': '未保存：您的密码须先在联网时确认一次才能进行更改。请在平板电脑联网时再次登录。',
};
