/**
 * Messages of issue 9 (trust on the wire and at rest) shared by every slice: why the server refused
 * an op, and what each new HTTP error means, in the UI's language. `en` defines the keys; the
 * Chinese catalogues are typed against it. Merged into the catalogues in ../en.ts etc.
 */
export const trustEn = {
  'sync.reason.actor_unproven':
    'The server could not confirm who made this change (no valid PIN proof); sign in again and resend it',
  'sync.reason.online_only': 'Staff and building settings can only be changed online, on the admin screen',
  'sync.reason.row_unavailable': 'This record cannot be written by this building',
  'sync.reason.internal_error': 'The server failed while applying this change; it was set aside so others could sync',
  'sync.refused.cut': 'Too large to keep with the refusal: {fields}. Type it again if you send this change again.',

  'error.code.actor_unproven': 'The server could not confirm the PIN of the person named. Sign in again.',
  'error.code.setup_code_invalid': 'The setup code is missing or wrong. It is printed on the server console.',
  'error.code.weak_pin': 'This PIN is too short for the role: 4 digits for desk staff, 6 for others.',
  'error.code.unsupported_media_type': 'The app sent a request the server does not accept. Update the app.',
  'error.code.cursor_ahead': 'The server was restored from a backup. The tablet is syncing everything again.',
  'error.code.locked_out': 'Too many wrong PINs for this person. Try again after {until}.',
  'error.code.rate_limited': 'Too many attempts from this tablet. Wait a minute and try again.',
  'error.code.store_unavailable':
    'The server database failed its check and is not accepting changes. Call the administrator.',
};
type TrustKey = keyof typeof trustEn;

export const trustZhHant: Record<TrustKey, string> = {
  'sync.reason.actor_unproven': '伺服器無法確認作出此更改的人（沒有有效的 PIN 證明）；請重新登入後重新傳送',
  'sync.reason.online_only': '職員及大廈設定只可在連線時於管理畫面更改',
  'sync.reason.row_unavailable': '本大廈不可寫入此記錄',
  'sync.reason.internal_error': '伺服器套用此更改時出錯；已另行擱置，其他更改照常同步',
  'sync.refused.cut': '以下內容過大，未有隨被拒絕的更改保留：{fields}。重新傳送時請再輸入。',

  'error.code.actor_unproven': '伺服器無法確認此人的 PIN，請重新登入。',
  'error.code.setup_code_invalid': '設定碼缺少或不正確。設定碼顯示在伺服器的主控台上。',
  'error.code.weak_pin': '此 PIN 對該職位太短：值班管理員最少 4 位，其他職位最少 6 位。',
  'error.code.unsupported_media_type': '程式送出了伺服器不接受的請求，請更新程式。',
  'error.code.cursor_ahead': '伺服器已從備份還原，平板電腦正重新同步全部資料。',
  'error.code.locked_out': '此人輸入錯誤 PIN 次數過多，請於 {until} 後再試。',
  'error.code.rate_limited': '此平板電腦嘗試次數過多，請等一分鐘再試。',
  'error.code.store_unavailable': '伺服器資料庫檢查失敗，暫停接受更改，請聯絡系統管理員。',
};

export const trustZhHans: Record<TrustKey, string> = {
  'sync.reason.actor_unproven': '服务器无法确认作出此更改的人（没有有效的 PIN 证明）；请重新登录后重新发送',
  'sync.reason.online_only': '职员及大厦设置只可在联网时于管理画面更改',
  'sync.reason.row_unavailable': '本大厦不可写入此记录',
  'sync.reason.internal_error': '服务器应用此更改时出错；已另行搁置，其他更改照常同步',
  'sync.refused.cut': '以下内容过大，未有随被拒绝的更改保留：{fields}。重新发送时请再输入。',

  'error.code.actor_unproven': '服务器无法确认此人的 PIN，请重新登录。',
  'error.code.setup_code_invalid': '设置码缺少或不正确。设置码显示在服务器的控制台上。',
  'error.code.weak_pin': '此 PIN 对该职位太短：值班管理员最少 4 位，其他职位最少 6 位。',
  'error.code.unsupported_media_type': '程序发出了服务器不接受的请求，请更新程序。',
  'error.code.cursor_ahead': '服务器已从备份还原，平板电脑正重新同步全部数据。',
  'error.code.locked_out': '此人输入错误 PIN 次数过多，请于 {until} 后再试。',
  'error.code.rate_limited': '此平板电脑尝试次数过多，请等一分钟再试。',
  'error.code.store_unavailable': '服务器数据库检查失败，暂停接受更改，请联系系统管理员。',
};
