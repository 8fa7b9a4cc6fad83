/**
 * A busy desk's duty-record text for the search benches (D5): deterministic (seeded), built from the
 * phrases a lobby desk writes, so bigrams repeat the way real records do. No data is fetched.
 */
const PLACES = [
  '大堂',
  '地庫停車場',
  '15樓洗手間',
  '3樓走廊',
  '天台水箱',
  '升降機大堂',
  '後樓梯',
  '垃圾房',
  '機電房',
  '正門',
];
const MATTERS = [
  '漏水',
  '滲漏',
  '燈管閃爍',
  '電梯故障',
  '冷氣不凍',
  '門禁卡失靈',
  '有異味',
  '住戶投訴噪音',
  '訪客查詢',
  '包裹代收',
  '消防警鐘誤鳴',
  '水管爆裂',
  '停車場閘機故障',
  '清潔未完成',
  '可疑人物徘徊',
];
const ACTIONS = [
  '通知工程部跟進',
  '已派清潔員處理',
  '致電承辦商',
  '已記錄並轉介物業部',
  '巡查後恢復正常',
  '通知保安主任',
];
const RESULTS = ['已修妥', '待零件', '住戶滿意', '明早再跟進', '已關閉', '承辦商下午到場'];
const PARTIES = ['12樓A室陳先生', '8樓B室李太', '5樓C室', 'Acme Ltd', '太平洋貿易', '訪客'];

/** A small seeded generator (mulberry32), so every run benches the same records. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** The searched fields of one entry. */
export function entryText(rand: () => number): {
  cause: string;
  process: string;
  result: string;
  party: string;
  location: string;
} {
  const location = pick(rand, PLACES);
  return {
    cause: `${location}${pick(rand, MATTERS)}，${pick(rand, MATTERS)}`,
    process: `${pick(rand, ACTIONS)}；${pick(rand, ACTIONS)}。編號 ${Math.floor(rand() * 9000 + 1000)}`,
    result: pick(rand, RESULTS),
    party: pick(rand, PARTIES),
    location,
  };
}

/** What the benches search for: two-character words, longer phrases, one character, Latin, simplified. */
export const BENCH_QUERIES = [
  '漏水',
  '渗漏',
  '電梯故障',
  '洗手间 漏水',
  '水',
  '門禁卡',
  'acme',
  '消防警鐘',
  '冷气',
  '閘機故障',
];
