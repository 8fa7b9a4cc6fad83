/**
 * The demo building's carry-over register (H4, H7), loans and custody (H8): pure data that
 * scripts/demo-seed.ts turns into sync ops, so the first handover in the demo has something real
 * to hand over: two superiors' instructions (acknowledged at each handover, H7), pending work, an
 * overdue key and two custody items.
 */
import type { BorrowerKind } from '../src/domain/item-entities';
import type { TaskKind } from '../src/domain/task-entities';
import type { DemoTime, StaffKey } from './demo-data';

export interface DemoTask extends DemoTime {
  key: string;
  kind: TaskKind;
  by: StaffKey;
  title: string;
  cause: string;
  process: string;
  important: boolean;
  notes?: (DemoTime & { by: StaffKey; text: string })[];
}

export const DEMO_TASKS: DemoTask[] = [
  {
    key: 'fire-drill',
    kind: 'instruction',
    by: 'chief',
    day: 0,
    at: '16:30',
    title: '本週五 10:00 消防演習：每班提醒租戶並預備廣播',
    cause: '管理處安排季度消防演習，須確保各租戶知悉',
    process: '已於大堂告示板張貼通告；每班須於交班時提醒下一班',
    // H7: each incoming person acknowledges it when they join the handover (demo-seed-record.ts).
    important: false,
  },
  {
    key: 'visitor-id',
    kind: 'instruction',
    by: 'manager',
    day: 2,
    at: '16:00',
    title: '所有訪客須出示身份證明文件並登記',
    cause: '上週有未登記人士進入 20 樓，經理指示即日起加強訪客登記',
    process: '已通知所有前台同事，訪客登記簿已加入「證件類別」一欄',
    important: false,
  },
  {
    key: 'revolving-door',
    kind: 'maintenance',
    by: 'desk2',
    day: 1,
    at: '11:40',
    title: '大堂旋轉門感應器間歇失靈',
    cause: '旋轉門感應器偶爾未能偵測行人，門會突然停頓',
    process: '已報工程部，工程部訂購新感應器，暫時派保安在旁協助',
    important: false,
    notes: [{ by: 'desk1', day: 2, at: '10:30', text: '工程部回覆：新感應器預計本週四到貨' }],
  },
  {
    key: 'parking-renewal',
    kind: 'unfinished',
    by: 'desk4',
    day: 2,
    at: '20:40',
    title: '15樓 B室 租戶查詢泊車月票續期',
    cause: '租戶來電查詢下月泊車月票續期手續及收費',
    process: '已記下聯絡電話 2876 5432，待管理處明早回覆收費後致電租戶',
    important: false,
  },
];

export interface DemoLoan extends DemoTime {
  item: string;
  by: StaffKey;
  party: string;
  partyKind: BorrowerKind;
  contact: string;
  reason: string;
  due: DemoTime;
  returned?: DemoTime & { by: StaffKey };
}

export const DEMO_LOANS: DemoLoan[] = [
  {
    item: 'R-08',
    by: 'desk2',
    day: 1,
    at: '13:00',
    party: '保安部 王志明',
    partyKind: 'colleague',
    contact: '內線 118',
    reason: '巡樓時對講機故障，暫借後備',
    due: { day: 1, at: '17:00' },
    returned: { by: 'desk2', day: 1, at: '16:20' },
  },
  {
    item: 'K-03',
    by: 'desk1',
    day: 2,
    at: '14:10',
    party: '新輝清潔公司 陳師傅',
    partyKind: 'contractor',
    contact: '9345 1122',
    reason: '清理垃圾房及更換垃圾桶',
    due: { day: 2, at: '17:00' },
  },
];

export interface DemoCustody extends DemoTime {
  item: string;
  by: StaffKey;
  party: string;
  fromParty: string;
  contact: string;
  reason: string;
}

export const DEMO_CUSTODY: DemoCustody[] = [
  {
    item: 'U-01',
    by: 'desk1',
    day: 2,
    at: '11:50',
    party: '12樓 A室 陳小姐',
    fromParty: '順豐速運 送貨員',
    contact: '9234 5566',
    reason: '租戶外出，代收包裹一件',
  },
  {
    item: 'U-02',
    by: 'desk4',
    day: 2,
    at: '22:30',
    party: '違例泊車車主（車牌未登記）',
    fromParty: '保安部巡邏時移除',
    contact: '',
    reason: '放置於消防通道的私人告示牌，暫扣待車主認領',
  },
];
