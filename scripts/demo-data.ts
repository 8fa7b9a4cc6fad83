/**
 * The demo building for `npm run demo`: 海港中心 Harbour Centre, its staff of every role, about 40
 * items (H8) and three days of duty records (F3, D1, H6) written the way a desk writes them.
 * Pure data; scripts/demo.ts turns it into sync ops and pushes them through the server's own
 * validation, so the demo can never hold a row a tablet would refuse.
 */
import type { EntryStatus, ItemCategory, LogKind, Role, Severity, SiteSettings } from '../src/domain/entities';

export const DEMO_SITE: SiteSettings = {
  name: '海港中心 Harbour Centre',
  timeZone: 'Asia/Hong_Kong',
  // S2: the normal day shift, plus the building's own night shift.
  shifts: [
    { id: 'day', name: '日更 09:00-18:00', start: '09:00', end: '18:00' },
    { id: 'night', name: '夜更 18:00-09:00', start: '18:00', end: '09:00' },
  ],
  incomingLeadMinutes: 5,
  outgoingLeadMinutes: 15,
  retentionDays: 730,
  idleSignOutMinutes: 15,
  localWindowDays: 90,
};

export type StaffKey = 'admin' | 'manager' | 'chief' | 'desk1' | 'desk2' | 'desk3' | 'desk4';

export interface DemoPerson {
  key: StaffKey;
  name: string;
  role: Role;
  roleLabel: string;
  pin: string;
}

/** Demo PINs are printed on every start; never use them for a real building. */
export const DEMO_STAFF: DemoPerson[] = [
  { key: 'admin', name: '黃志強', role: 'admin', roleLabel: '系統管理員 admin', pin: '999999' },
  { key: 'manager', name: '梁美玲', role: 'manager', roleLabel: '物業管理處經理 manager', pin: '888888' },
  { key: 'chief', name: '陳國華', role: 'chief', roleLabel: '科長 chief', pin: '777777' },
  { key: 'desk1', name: '李嘉欣', role: 'desk', roleLabel: '值班管理員 desk', pin: '1111' },
  { key: 'desk2', name: '張偉明', role: 'desk', roleLabel: '值班管理員 desk', pin: '2222' },
  { key: 'desk3', name: '何翠儀', role: 'desk', roleLabel: '值班管理員 desk', pin: '3333' },
  { key: 'desk4', name: '劉子軒', role: 'desk', roleLabel: '值班管理員 desk', pin: '4444' },
];

export interface DemoItem {
  code: string;
  category: ItemCategory;
  label: string;
  location: string;
  quantity?: number;
}

const KEY_ROOMS = [
  '機房',
  '天台門',
  '垃圾房',
  '消防控制室',
  '大堂後門',
  '停車場閘口',
  '電錶房',
  '水泵房',
  '發電機房',
  '升降機機房',
  '管理處',
  '會議室 A',
  '信箱總匙',
  '清潔倉',
  '保安室',
];
const SHOW_FLATS = ['12A', '12B', '18A', '18C', '25A', '25B'];
const two = (n: number) => String(n).padStart(2, '0');

export const DEMO_ITEMS: DemoItem[] = [
  ...Array.from({ length: 8 }, (_, i): DemoItem => ({
    code: `R-${two(i + 1)}`,
    category: 'radio',
    label: `對講機 ${i + 1} 號`,
    location: '前台充電座',
  })),
  ...KEY_ROOMS.map((room, i): DemoItem => ({
    code: `K-${two(i + 1)}`,
    category: 'key',
    label: `${room}鎖匙`,
    location: '前台匙箱',
  })),
  ...SHOW_FLATS.map((flat, i): DemoItem => ({
    code: `S-${two(i + 1)}`,
    category: 'showflatKey',
    label: `示範單位 ${flat} 鎖匙`,
    location: '前台保險箱',
  })),
  { code: 'B-01', category: 'recordBook', label: '值班記錄簿', location: '前台' },
  { code: 'O-01', category: 'officeEquipment', label: '前台電腦', location: '前台' },
  { code: 'O-02', category: 'officeEquipment', label: '鐳射打印機', location: '前台' },
  { code: 'O-03', category: 'officeEquipment', label: '訪客登記簿', location: '前台' },
  { code: 'C-01', category: 'commEquipment', label: '值班手提電話', location: '前台' },
  { code: 'C-02', category: 'commEquipment', label: '對講機充電座', location: '前台', quantity: 2 },
  { code: 'D-01', category: 'document', label: '租戶緊急聯絡表', location: '前台文件櫃' },
  { code: 'D-02', category: 'document', label: '大廈平面圖', location: '前台文件櫃' },
  { code: 'D-03', category: 'document', label: '消防演習記錄', location: '前台文件櫃' },
  { code: 'U-01', category: 'custody', label: '代收包裹（12樓 A室）', location: '前台代收櫃' },
  { code: 'U-02', category: 'custody', label: '暫扣違例泊車告示牌', location: '保安室', quantity: 3 },
];

export type ShiftId = 'day' | 'night';

/** When something happened: the history day (0-2), HH:MM in Hong Kong time, after midnight or not. */
export interface DemoTime {
  day: 0 | 1 | 2;
  at: string;
  nextDay?: boolean;
}

/** `lateMinutes`: the person took over this much after the scheduled change (S1: shows in attendance). */
export const DEMO_DUTIES: { day: 0 | 1 | 2; shift: ShiftId; staff: StaffKey; lateMinutes?: number }[] = [
  { day: 0, shift: 'day', staff: 'desk1' },
  { day: 0, shift: 'night', staff: 'desk4' },
  { day: 1, shift: 'day', staff: 'desk2', lateMinutes: 7 },
  { day: 1, shift: 'night', staff: 'desk3' },
  { day: 2, shift: 'day', staff: 'desk1' },
  { day: 2, shift: 'night', staff: 'desk4' },
];

export interface DemoEntry extends DemoTime {
  key: string;
  shift: ShiftId;
  kind: LogKind;
  severity: Severity;
  status: EntryStatus;
  cause: string;
  process: string;
  result: string;
  party?: string;
  contact?: string;
  location: string;
  /** H11(b): when an equipment operation ended (HH:MM the same day). */
  operationEnd?: string;
}

type E = Omit<DemoEntry, 'key' | 'day' | 'at' | 'shift' | 'nextDay'>;
const entry = (key: string, day: 0 | 1 | 2, shift: ShiftId, at: string, e: E, nextDay = false): DemoEntry => ({
  key,
  day,
  shift,
  at,
  nextDay,
  ...e,
});

export const DEMO_ENTRIES: DemoEntry[] = [
  entry('visitor-23f', 0, 'day', '09:40', {
    kind: 'enquiry',
    severity: 'routine',
    status: 'resolved',
    cause: '訪客查詢 23 樓律師行位置及辦公時間',
    process: '指示乘搭低區升降機往 23 樓，並告知辦公時間為 09:00-18:00',
    result: '訪客已自行前往',
    party: '訪客',
    location: '大堂',
  }),
  entry('leak-12f', 0, 'day', '11:15', {
    kind: 'repair',
    severity: 'major',
    status: 'open',
    cause: '12 樓男洗手間水龍頭漏水，地面有積水',
    process: '放置「小心地滑」告示牌，通知工程部陳師傅跟進',
    result: '',
    party: '12樓 A室 租戶',
    contact: '9123 4567',
    location: '12樓男洗手間',
  }),
  entry('aircon-18f', 0, 'day', '14:05', {
    kind: 'complaint',
    severity: 'routine',
    status: 'resolved',
    cause: '18 樓租戶投訴冷氣不夠凍，室溫約 27 度',
    process: '致電工程部調低該層冷氣供水溫度，15 分鐘後回電租戶確認',
    result: '租戶確認室溫已回落至 24 度',
    party: '18樓 C室 寶利貿易',
    contact: '2345 6789',
    location: '18樓',
  }),
  entry('fire-drill', 0, 'day', '16:30', {
    kind: 'instruction',
    severity: 'routine',
    status: 'open',
    cause: '科長指示：本週五 10:00 進行消防演習，各班須提醒租戶並預備廣播',
    process: '已記錄，交下一班繼續提醒租戶',
    result: '',
    location: '管理處',
  }),
  entry('card-25f', 0, 'night', '20:10', {
    kind: 'help',
    severity: 'routine',
    status: 'resolved',
    cause: '25 樓租戶加班後遺失門卡，請求開門',
    process: '核對租戶登記資料及身份證後，由保安陪同開門並登記',
    result: '租戶已進入辦公室，已提醒明天到管理處補領門卡',
    party: '25樓 B室 黃先生',
    contact: '6123 0000',
    location: '25樓',
  }),
  entry('door-b2', 0, 'night', '23:45', {
    kind: 'anomaly',
    severity: 'major',
    status: 'open',
    cause: '巡樓發現 B2 停車場後樓梯防煙門未能自動關上',
    process: '即時手動關門，檢查後發現閉門器鬆脫，已貼告示並通知工程部',
    result: '',
    location: 'B2 停車場後樓梯',
  }),
  entry(
    'parcel-12a',
    0,
    'night',
    '02:30',
    {
      kind: 'other',
      severity: 'routine',
      status: 'resolved',
      cause: '凌晨速遞公司送來 12 樓 A室包裹一件，租戶未上班',
      process: '登記包裹資料，暫存於前台代收櫃（U-01）',
      result: '已交下一班，待租戶領取',
      party: '12樓 A室',
      location: '前台',
    },
    true,
  ),
  entry('parking-pass', 1, 'day', '09:15', {
    kind: 'enquiry',
    severity: 'routine',
    status: 'resolved',
    cause: '租戶查詢下月停車場月票續期手續',
    process: '提供申請表及收費表，告知須於月底前交回管理處',
    result: '租戶已取表格',
    party: '9樓 B室',
    location: '大堂',
  }),
  entry('collapse-8f', 1, 'day', '10:05', {
    kind: 'emergency',
    severity: 'emergency',
    status: 'resolved',
    cause: '8 樓升降機大堂有人暈倒，同層職員致電前台求助',
    process: '即時致電 999 召救護車，通知保安攜帶 AED 到場，引導救護員由貨梯上樓，並即時通知科長',
    result: '救護員 10:25 到場，傷者已清醒，由救護車送往伊利沙伯醫院；已填寫事故報告',
    party: '8樓 D室 職員',
    location: '8樓升降機大堂',
  }),
  entry('noise-lobby', 1, 'day', '12:40', {
    kind: 'complaint',
    severity: 'major',
    status: 'open',
    cause: '租戶投訴外牆維修工程噪音，影響午膳時間會議',
    process: '記錄投訴內容，向承辦商查詢工程時間表，並轉介科長處理',
    result: '',
    party: '20樓 恒信會計師事務所',
    contact: '2888 1234',
    location: '大堂外牆',
  }),
  entry('lift-2', 1, 'day', '15:20', {
    kind: 'equipmentOp',
    severity: 'routine',
    status: 'resolved',
    cause: '工程部通知 15:30 起停用 2 號客用升降機進行年檢',
    process: '於大堂及各層張貼暫停使用告示；工程部 16:45 通知年檢完成並恢復運作',
    result: '2 號客用升降機已恢復正常使用',
    location: '2號客用升降機',
    operationEnd: '16:45',
  }),
  entry('delivery-15f', 1, 'night', '19:30', {
    kind: 'enquiry',
    severity: 'routine',
    status: 'resolved',
    cause: '外賣員查詢 15 樓公司地址',
    process: '核對租戶名錄後指示前往 15 樓 B室',
    result: '已送達',
    location: '大堂',
  }),
  entry('cctv-6', 1, 'night', '22:10', {
    kind: 'anomaly',
    severity: 'routine',
    status: 'open',
    cause: '閉路電視第 6 號鏡頭（B1 停車場）畫面間歇閃爍',
    process: '已重新啟動錄影機，情況未有改善，已記錄交工程部',
    result: '',
    location: '保安控制室',
  }),
  entry(
    'refuse-key',
    1,
    'night',
    '03:50',
    {
      kind: 'help',
      severity: 'routine',
      status: 'resolved',
      cause: '清潔公司同事未能進入垃圾房',
      process: '借出垃圾房鎖匙（K-03），05:10 已歸還',
      result: '鎖匙已歸還並點收',
      party: '清潔公司',
      location: '垃圾房',
    },
    true,
  ),
  entry('visitor-parking', 2, 'day', '09:20', {
    kind: 'enquiry',
    severity: 'routine',
    status: 'resolved',
    cause: '訪客查詢大廈有否訪客車位',
    process: '告知 B1 設時租車位，每小時 $30，並指示入口位置',
    result: '訪客已明白',
    location: '大堂',
  }),
  entry('auto-door', 2, 'day', '10:45', {
    kind: 'repair',
    severity: 'routine',
    status: 'resolved',
    cause: '大堂正門感應自動門反應遲緩',
    process: '通知工程部，工程部到場調校感應器',
    result: '自動門已回復正常',
    location: '大堂正門',
  }),
  entry('toilet-10f', 2, 'day', '13:30', {
    kind: 'complaint',
    severity: 'routine',
    status: 'resolved',
    cause: '租戶投訴 10 樓女洗手間廁紙未有補充',
    process: '通知清潔主管安排補充，並於 14:00 巡查確認',
    result: '已補充',
    party: '10樓 A室',
    location: '10樓女洗手間',
  }),
  entry('visitor-id', 2, 'day', '16:00', {
    kind: 'instruction',
    severity: 'routine',
    status: 'open',
    cause: '物業辦經理指示：下星期一起所有訪客須出示身份證登記',
    process: '已通知各班同事，並於前台張貼告示',
    result: '',
    location: '前台',
  }),
  entry('wallet', 2, 'night', '21:15', {
    kind: 'other',
    severity: 'routine',
    status: 'resolved',
    cause: '於大堂沙發拾獲黑色銀包一個，內有身份證',
    process: '登記拾獲物品，存放於前台保險箱',
    result: '失主 22:40 到場認領，已核對身份證並簽收',
    location: '大堂',
  }),
  entry(
    'tank-alarm',
    2,
    'night',
    '01:20',
    {
      kind: 'anomaly',
      severity: 'major',
      status: 'resolved',
      cause: '天台水缸高水位警報響起',
      process: '即時通知工程部值班技工，技工到場檢查水泵浮波開關',
      result: '浮波開關卡住，已修復，警報解除',
      location: '天台水缸',
    },
    true,
  ),
  entry(
    'power-works',
    2,
    'night',
    '06:30',
    {
      kind: 'enquiry',
      severity: 'routine',
      status: 'open',
      cause: '租戶來電查詢今日電力維修會否停電',
      process: '已記錄，待工程部上班後回覆租戶',
      result: '',
      party: '16樓 C室',
      contact: '3111 2222',
      location: '前台',
    },
    true,
  ),
];

/**
 * Append-only amendments (D5); `resolve` also patches the entry to resolved with a result (H6);
 * `refer` closes a major matter at the desk by referring it to a department, which opens linked
 * pending work carried at every handover until it is done (H4, H11(a)).
 */
export interface DemoAmendment extends DemoTime {
  entry: string;
  by: StaffKey;
  text: string;
  resolve?: { result: string };
  refer?: { to: string; task: string };
}

export const DEMO_AMENDMENTS: DemoAmendment[] = [
  {
    entry: 'leak-12f',
    day: 0,
    at: '15:30',
    by: 'desk1',
    text: '工程部已關閉該洗手間水掣，待明早更換零件',
    refer: { to: '工程部', task: '12 樓男洗手間水龍頭待更換閥芯' },
  },
  {
    entry: 'door-b2',
    day: 0,
    at: '07:40',
    nextDay: true,
    by: 'desk4',
    text: '工程部值班技工已收緊閉門器，防煙門可自動關上',
    resolve: { result: '閉門器已修妥，防煙門回復正常' },
  },
  {
    entry: 'leak-12f',
    day: 1,
    at: '10:20',
    by: 'desk2',
    text: '已更換水龍頭閥芯，測試正常，地面已清理',
    resolve: { result: '水龍頭已修妥，測試正常' },
  },
  { entry: 'collapse-8f', day: 1, at: '16:10', by: 'chief', text: '科長已覆核事故報告，並已通知物業辦經理（D3）' },
  {
    entry: 'noise-lobby',
    day: 1,
    at: '17:00',
    by: 'chief',
    text: '已與承辦商協調，午膳時間 12:00-14:00 暫停高噪音工序',
    resolve: { result: '承辦商同意調整工序時間，已回覆租戶' },
  },
  {
    entry: 'cctv-6',
    day: 2,
    at: '11:00',
    by: 'desk1',
    text: '工程部更換鏡頭電源供應器，畫面回復正常',
    resolve: { result: '第 6 號鏡頭已修妥' },
  },
  { entry: 'fire-drill', day: 2, at: '09:10', by: 'desk1', text: '已於大堂告示板張貼消防演習通告' },
];
