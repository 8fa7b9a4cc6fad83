/**
 * Chinese-first full-text search (D5, issue 8 point 7): one normalisation for a query and for the
 * text it searches, used by the server's FTS5 index and by the tablet's local search alike.
 *
 * - NFKC (full-width letters and digits become ASCII), lower case, and traditional characters folded
 *   to simplified, one character at a time, with OpenCC's own tables (TSCharacters, after the Hong
 *   Kong and Taiwan variant tables): 滲漏 and 渗漏 normalise to the same text. Character by
 *   character, never phrase by phrase, so a query normalises exactly like the same characters inside
 *   a longer text.
 * - Spaces and punctuation do not count: Han characters on either side of them join one run (漏 水 is
 *   漏水), and a Latin word continues across punctuation (12/F is 12f) but not across a space.
 * - A run of Han characters is indexed as overlapping bigrams (洗手間漏水: 洗手 手间 间漏 漏水) plus its
 *   last character alone, so a query of two or more characters is a phrase of bigrams and a query of
 *   one character is a token prefix; a Latin word is one token. SQLite's trigram tokenizer could not
 *   match a two-character word, which is why the bigrams are made here.
 */
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';

/** The longest query accepted, in characters (a search box, not a document). */
export const MAX_QUERY_LENGTH = 100;

/** The synced tables whose text is searched, and the fields searched in each. */
export const SEARCH_FIELDS = {
  logEntry: ['cause', 'process', 'result', 'party', 'contact', 'location', 'unit', 'referredTo', 'assignedTo'],
  logAmendment: ['text'],
  task: ['title', 'cause', 'process', 'result'],
  taskNote: ['text'],
} as const satisfies Record<string, readonly string[]>;
export type SearchTable = keyof typeof SEARCH_FIELDS;
export const SEARCH_TABLES = Object.keys(SEARCH_FIELDS) as SearchTable[];

/** Whether `table` holds searched text. */
export function isSearchTable(table: string): table is SearchTable {
  return Object.hasOwn(SEARCH_FIELDS, table);
}

let foldMap: Map<string, string> | null = null;

function readPairs(pairs: string, into: Map<string, string>): void {
  for (const pair of pairs.split('|')) {
    const [from, to] = pair.split(' ');
    // A character with several candidates keeps OpenCC's first, its usual form.
    if (from && to && !into.has(from)) into.set(from, to);
  }
}

/** Built once, on first use: the search chunk pays for it, never the app's start. */
function folds(): Map<string, string> {
  if (foldMap) return foldMap;
  const variants = new Map<string, string>();
  readPairs(hkVariantsRev, variants);
  readPairs(twVariantsRev, variants);
  const simplified = new Map<string, string>();
  readPairs(tsCharacters, simplified);
  const map = new Map<string, string>();
  for (const [from, to] of variants) map.set(from, simplified.get(to) ?? to);
  for (const [from, to] of simplified) if (!map.has(from)) map.set(from, to);
  foldMap = map;
  return map;
}

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;

/**
 * What a character is to the search. The common blocks (ASCII, the CJK Unified Ideographs) are
 * decided by range, the rest by Unicode property: a tablet normalises 20,000 entries at once.
 */
function charKind(ch: string): 'han' | 'word' | 'space' | 'other' {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x4e00 && code <= 0x9fff) return 'han';
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a)) {
      return 'word';
    }
    return code <= 0x20 ? 'space' : 'other';
  }
  if (HAN.test(ch)) return 'han';
  if (WORD_CHAR.test(ch)) return 'word';
  return SPACE.test(ch) ? 'space' : 'other';
}

/** NFKC, lower case, traditional folded to simplified; spaces and punctuation still there. */
export function foldText(text: string): string {
  const map = folds();
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) out += map.get(ch) ?? ch;
  return out;
}

/** A text cut into what is searched: runs of Han characters and Latin (or other script) words. */
export interface Segments {
  runs: string[];
  words: string[];
}

/** Cut a text into Han runs and words, after `foldText`; see the module comment for the rules. */
export function segmentText(text: string): Segments {
  const runs: string[] = [];
  const words: string[] = [];
  let run = '';
  let word = '';
  const endRun = () => {
    if (run) runs.push(run);
    run = '';
  };
  const endWord = () => {
    if (word) words.push(word);
    word = '';
  };
  for (const ch of foldText(text)) {
    const kind = charKind(ch);
    if (kind === 'han') {
      endWord();
      run += ch;
    } else if (kind === 'word') {
      endRun();
      word += ch;
    } else if (kind === 'space') {
      endWord();
    }
    // Punctuation and symbols are dropped: they join what stands on either side.
  }
  endRun();
  endWord();
  return { runs, words };
}

/** The bigrams of a Han run, then its last character alone (a one-character query's token). */
export function runTokens(run: string): string[] {
  const chars = Array.from(run);
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) tokens.push(`${chars[i]}${chars[i + 1]}`);
  const last = chars.at(-1);
  if (last) tokens.push(last);
  return tokens;
}

/** The space-separated tokens of a text, in order: what the server's FTS5 table stores. */
export function indexTokens(text: string): string {
  const { runs, words } = segmentText(text);
  return [...runs.flatMap(runTokens), ...words].join(' ');
}

/** The searched text of a row of `table`: its searched fields, one per line. */
export function rowSearchText(table: SearchTable, row: Record<string, unknown>): string {
  return SEARCH_FIELDS[table]
    .map((f) => row[f])
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .join('\n');
}

/**
 * The tablet's cached form of a text: its runs and words joined by spaces. A query matches when each
 * of its runs is inside this key and each of its words starts a word of it (`matchesKey`).
 */
export function searchKey(text: string): string {
  const { runs, words } = segmentText(text);
  return ` ${[...runs, ...words].join(' ')}`;
}

export type QueryProblem = 'empty' | 'tooLong';

/** A checked query: its runs and words, never empty. */
export type SearchQuery = Segments;

/** Check and cut a query; `empty` when nothing searchable is left (only spaces or punctuation). */
export function parseQuery(q: string): { ok: true; query: SearchQuery } | { ok: false; problem: QueryProblem } {
  if (q.length > MAX_QUERY_LENGTH) return { ok: false, problem: 'tooLong' };
  const query = segmentText(q);
  if (query.runs.length === 0 && query.words.length === 0) return { ok: false, problem: 'empty' };
  return { ok: true, query };
}

/** Whether a text's `searchKey` holds every run and every word of the query (the tablet's match). */
export function matchesKey(key: string, query: SearchQuery): boolean {
  for (const run of query.runs) if (!key.includes(run)) return false;
  for (const word of query.words) if (!key.includes(` ${word}`)) return false;
  return true;
}

/**
 * The FTS5 MATCH expression of a query, against `indexTokens` text: each Han run of two or more
 * characters is a phrase of its bigrams (consecutive, so the run appears as written), a single
 * character is a token prefix, and a word is a token prefix. Tokens hold letters and digits only,
 * so quoting them cannot break the expression.
 */
export function ftsMatch(query: SearchQuery): string {
  const parts: string[] = [];
  for (const run of query.runs) {
    const chars = Array.from(run);
    if (chars.length === 1) parts.push(`"${run}"*`);
    else parts.push(`"${runTokens(run).slice(0, -1).join(' ')}"`);
  }
  for (const word of query.words) parts.push(`"${word}"*`);
  return parts.join(' AND ');
}

/** The longest snippet shown for a result, in characters. */
const SNIPPET_LENGTH = 80;

/**
 * A short piece of the row's searched text around the first place the query matches: the first
 * field (line) whose key holds the query's first run or word, cut around it. Folding keeps one
 * character for one, so a position in the folded line is a position in the line as written.
 */
export function makeSnippet(text: string, query: SearchQuery): string {
  const needle = query.runs[0] ?? query.words[0] ?? '';
  const first = Array.from(needle)[0] ?? '';
  const lines = text.split('\n');
  const line = lines.find((l) => searchKey(l).includes(needle)) ?? lines[0] ?? '';
  const chars = Array.from(line);
  if (chars.length <= SNIPPET_LENGTH) return line;
  const folded = Array.from(foldText(line));
  const at = folded.length === chars.length ? Math.max(0, folded.indexOf(first)) : 0;
  const start = Math.max(0, Math.min(at - 20, chars.length - SNIPPET_LENGTH));
  const cut = chars.slice(start, start + SNIPPET_LENGTH).join('');
  return `${start > 0 ? '…' : ''}${cut}${start + SNIPPET_LENGTH < chars.length ? '…' : ''}`;
}
