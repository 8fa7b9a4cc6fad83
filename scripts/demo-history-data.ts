/**
 * What the demo's 18 months of history are made of (issue 8): the matters a lobby desk records, in
 * the words a desk writes them (F1 calls and visits of owners and tenants, F2 repairs with the
 * department or contractor assigned, complaints, emergencies, instructions, equipment operations),
 * and the paid services an owner or tenant orders. Pure data; demo-history.ts picks from it.
 */
import type { EntryChannel, LogKind, PartyType, Severity } from '../src/domain/entities';

export interface HistoryMatter {
  kind: LogKind;
  severity: Severity;
  cause: string;
  process: string;
  result: string;
  location: string;
  /** F1: how a request came, and who asked. */
  channel?: EntryChannel;
  partyType?: PartyType;
  /** F2: who the repair went to, and how many hours it took. */
  assignedTo?: string;
  repairHours?: number;
  /** F1: a paid service ordered with it: what, and the amount in HK cents. */
  service?: { name: string; amountCents: number };
}

/** Units of the building (F1, F2). */
export const UNITS = [
  '3樓 A室',
  '5樓 C室',
  '8樓 B室',
  '12樓 A室',
  '15樓 D室',
  '18樓 B室',
  '21樓 C室',
  '23樓 A室',
  '地下 2號舖',
  '地下 5號舖',
];

export const PARTIES = ['陳先生', '李小姐', '黃太', '張先生', '何小姐', '吳先生', '林太', '周小姐', '鄭先生', '梁小姐'];

export const MATTERS: HistoryMatter[] = [
  {
    kind: 'enquiry',
    severity: 'routine',
    channel: 'call',
    partyType: 'owner',
    cause: '業主來電查詢本月管理費繳費方法及截止日期',
    process: '解釋可於管理處、銀行自動轉賬或繳費靈繳交，截止日期為每月15日',
    result: '業主表示明白',
    location: '前台',
  },
  {
    kind: 'enquiry',
    severity: 'routine',
    channel: 'visit',
    partyType: 'tenant',
    cause: '租戶親臨查詢裝修申請手續及可施工時間',
    process: '提供裝修申請表，說明施工時間為星期一至六 09:00-18:00，須先繳交按金',
    result: '租戶取表後離開',
    location: '大堂',
  },
  {
    kind: 'enquiry',
    severity: 'routine',
    channel: 'call',
    partyType: 'tenant',
    cause: '租戶來電查詢停車場月租車位是否尚有空缺',
    process: '查核後告知B2尚有兩個月租車位，請其到管理處辦理登記',
    result: '租戶會於明日到管理處',
    location: '前台',
  },
  {
    kind: 'enquiry',
    severity: 'routine',
    channel: 'visit',
    partyType: 'owner',
    cause: '業主查詢週末空調供應時間',
    process: '說明週六供應至13:00，如需延長須提前一日申請並另行收費',
    result: '業主表示明白',
    location: '大堂',
  },
  {
    kind: 'help',
    severity: 'routine',
    channel: 'visit',
    partyType: 'tenant',
    cause: '租戶需要代收一批速遞文件',
    process: '登記代收並放入前台代收櫃，通知租戶下班前領取',
    result: '租戶已於下午領取文件',
    location: '前台',
  },
  {
    kind: 'help',
    severity: 'routine',
    channel: 'call',
    partyType: 'owner',
    cause: '業主反映單位門鎖損壞，要求安排更換',
    process: '開立收費服務單，安排工程部技工上門更換門鎖',
    result: '技工已更換門鎖，業主已簽收',
    location: '單位',
    service: { name: '更換單位門鎖', amountCents: 68000 },
  },
  {
    kind: 'help',
    severity: 'routine',
    channel: 'call',
    partyType: 'tenant',
    cause: '租戶要求清洗辦公室冷氣機隔塵網',
    process: '開立收費服務單，安排清潔承辦商於週末上門',
    result: '已完成清洗，租戶滿意',
    location: '單位',
    service: { name: '清洗冷氣機隔塵網', amountCents: 45000 },
  },
  {
    kind: 'help',
    severity: 'routine',
    channel: 'visit',
    partyType: 'owner',
    cause: '業主搬屋，申請使用貨用升降機及保護板',
    process: '開立收費服務單，預留貨用升降機兩小時並安排鋪設保護板',
    result: '搬運完成，升降機已檢查無損',
    location: '貨用升降機',
    service: { name: '貨用升降機預留及保護板', amountCents: 30000 },
  },
  {
    kind: 'complaint',
    severity: 'routine',
    channel: 'call',
    partyType: 'tenant',
    cause: '租戶投訴晚上有單位裝修發出噪音',
    process: '巡查後發現樓上單位仍在施工，已勸喻停止並記錄',
    result: '施工已停止，回覆租戶',
    location: '樓層',
  },
  {
    kind: 'complaint',
    severity: 'major',
    channel: 'visit',
    partyType: 'owner',
    cause: '業主投訴樓上單位漏水滲入天花',
    process: '與工程部一同上樓查看，確認樓上浴室去水位滲漏，通知樓上業主維修',
    result: '樓上業主已安排維修，滲水停止',
    location: '單位',
  },
  {
    kind: 'complaint',
    severity: 'routine',
    channel: 'call',
    partyType: 'tenant',
    cause: '租戶投訴大堂冷氣太凍',
    process: '通知工程部調高大堂冷氣溫度設定',
    result: '溫度已調至25度',
    location: '大堂',
  },
  {
    kind: 'complaint',
    severity: 'routine',
    channel: 'visit',
    partyType: 'owner',
    cause: '業主投訴停車場有車輛阻塞出口',
    process: '廣播尋找車主並張貼告示',
    result: '車主已移走車輛',
    location: '地庫停車場B1',
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '男洗手間水龍頭漏水',
    process: '關上水掣並通知工程部',
    result: '工程部已更換水龍頭',
    location: '12樓男洗手間',
    assignedTo: '工程部（水喉）',
    repairHours: 3,
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '走廊光管閃爍',
    process: '通知工程部更換光管',
    result: '已更換光管',
    location: '8樓走廊',
    assignedTo: '工程部（電器）',
    repairHours: 5,
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '大堂自動門感應失靈，間歇未能打開',
    process: '暫改為手動開關，通知承辦商維修',
    result: '承辦商已更換感應器',
    location: '大堂正門',
    assignedTo: '承辦商：偉業機電工程',
    repairHours: 26,
  },
  {
    kind: 'repair',
    severity: 'major',
    cause: '3號升降機樓層按鈕失靈',
    process: '暫停3號升降機並張貼告示，通知升降機承辦商',
    result: '承辦商已更換按鈕板，升降機恢復運作',
    location: '3號升降機',
    assignedTo: '承辦商：順達升降機',
    repairHours: 20,
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '天台水泵運作時有異響',
    process: '通知工程部檢查',
    result: '工程部已為水泵加油及收緊螺絲',
    location: '天台泵房',
    assignedTo: '工程部（機電）',
    repairHours: 30,
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '停車場B2出口閘機讀卡器失靈',
    process: '暫由保安人手開閘，通知承辦商',
    result: '承辦商已更換讀卡器',
    location: '地庫停車場B2',
    assignedTo: '承辦商：安達泊車系統',
    repairHours: 8,
  },
  {
    kind: 'anomaly',
    severity: 'routine',
    cause: '凌晨巡樓發現後樓梯防煙門未關上',
    process: '已關上防煙門並檢查門鉸',
    result: '門鉸正常，已記錄',
    location: '15樓後樓梯',
  },
  {
    kind: 'anomaly',
    severity: 'major',
    cause: '停車場有可疑人士長時間逗留',
    process: '保安上前查問並要求離開，通知管理處',
    result: '該人士已離開，已翻看閉路電視記錄',
    location: '地庫停車場B1',
  },
  {
    kind: 'emergency',
    severity: 'emergency',
    cause: '8樓煙霧感應器觸發火警鐘',
    process: '即時派保安到場視察，確認為裝修粉塵誤鳴，通知消防處及重設火警系統',
    result: '消防處到場確認無火警，系統已重設',
    location: '8樓',
  },
  {
    kind: 'emergency',
    severity: 'emergency',
    cause: '2號升降機困人（兩名住客）',
    process: '安撫被困住客，即時召喚升降機承辦商緊急維修',
    result: '20分鐘後救出住客，無人受傷',
    location: '2號升降機',
  },
  {
    kind: 'instruction',
    severity: 'routine',
    cause: '科長指示：颱風期間每兩小時巡查天台排水口',
    process: '已傳達各更同事並安排巡查',
    result: '已按指示巡查',
    location: '天台',
  },
  {
    kind: 'equipmentOp',
    severity: 'routine',
    cause: '每月後備發電機測試運行',
    process: '工程部在場，按程序啟動後備發電機運行30分鐘',
    result: '測試正常，已停機',
    location: '發電機房',
  },
  {
    kind: 'other',
    severity: 'routine',
    cause: '收到住戶遺失的八達通一張',
    process: '登記後放入失物認領櫃',
    result: '失主已認領',
    location: '前台',
  },
];

/** The open repairs the demo leaves for the registers (F2): reported recently, not yet done. */
export const OPEN_REPAIRS: HistoryMatter[] = [
  {
    kind: 'repair',
    severity: 'routine',
    cause: '女洗手間坐廁水箱不停入水',
    process: '已通知工程部，待零件',
    result: '',
    location: '5樓女洗手間',
    assignedTo: '工程部（水喉）',
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '大堂信箱區一盞射燈不亮',
    process: '已報工程部',
    result: '',
    location: '大堂信箱區',
    assignedTo: '工程部（電器）',
  },
  {
    kind: 'repair',
    severity: 'routine',
    cause: '停車場B1天花有水滴下',
    process: '已放置警示牌及水桶，通知承辦商檢查',
    result: '',
    location: '地庫停車場B1',
    assignedTo: '承辦商：偉業機電工程',
  },
];

/** The escalation waiting for the section chief (D2, D3): a difficult matter a few days old. */
export const WAITING_ESCALATION: HistoryMatter & { reason: string } = {
  kind: 'complaint',
  // Still open: a routine severity keeps it from blocking every handover (H11(a)) while it waits.
  severity: 'routine',
  channel: 'visit',
  partyType: 'owner',
  cause: '業主投訴單位天花持續滲水三日，已影響室內燈具',
  process: '與工程部上樓查看，樓上單位無人應門，已留下通知並拍照記錄',
  result: '',
  location: '單位',
  reason: '滲水已持續三日並接近電線，樓上業主聯絡不上，需科長決定是否安排破門檢查或緊急維修',
};
