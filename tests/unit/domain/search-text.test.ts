import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_LENGTH,
  ftsMatch,
  indexTokens,
  matchesKey,
  parseQuery,
  rowSearchText,
  searchKey,
} from '../../../src/domain/search-text';

/** The tablet's match of `query` in `text`, as the search screen runs it. */
function finds(query: string, text: string): boolean {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(`query refused: ${parsed.problem}`);
  return matchesKey(searchKey(text), parsed.query);
}

describe('Chinese search text (D5)', () => {
  it('a two-character query such as 漏水 finds 15樓洗手間漏水', () => {
    expect(finds('漏水', '15樓洗手間漏水')).toBe(true);
    expect(finds('漏電', '15樓洗手間漏水')).toBe(false);
  });

  it('indexes a Han run as overlapping bigrams and its last character, a Latin word whole', () => {
    expect(indexTokens('15樓洗手間漏水')).toBe('楼洗 洗手 手间 间漏 漏水 水 15');
    expect(indexTokens('Lift B 停')).toBe('停 lift b');
  });

  it('spaces and punctuation do not matter, in the query or the text', () => {
    expect(finds('漏 水', '15樓洗手間漏水')).toBe(true);
    expect(finds('漏水', '洗手間漏，水')).toBe(true);
    expect(finds('洗手間，漏水', '15樓洗手間 漏水')).toBe(true);
    expect(finds('12/F', 'Unit 12F')).toBe(true);
  });

  it('traditional and simplified forms find each other: 滲漏 and 渗漏', () => {
    expect(finds('滲漏', '天花板渗漏')).toBe(true);
    expect(finds('渗漏', '天花板滲漏')).toBe(true);
    expect(indexTokens('滲漏')).toBe(indexTokens('渗漏'));
    // A Taiwan or Hong Kong variant folds to the same character too (裡/裏/里).
    expect(finds('里面', '電梯裡面')).toBe(true);
  });

  it('a one-character query matches anywhere in a run, including its last character', () => {
    expect(finds('水', '15樓洗手間漏水')).toBe(true);
    expect(finds('樓', '15樓洗手間漏水')).toBe(true);
    expect(finds('電', '15樓洗手間漏水')).toBe(false);
    expect(ftsMatch({ runs: ['水'], words: [] })).toBe('"水"*');
  });

  it('full-width letters and digits and upper case fold to plain lower case (NFKC)', () => {
    expect(finds('b12', 'ＵＮＩＴ Ｂ１２ 漏水')).toBe(true);
    expect(finds('LEAK', 'water leak')).toBe(true);
  });

  it('a word matches the start of a word, never its middle', () => {
    expect(finds('lea', 'water leak')).toBe(true);
    expect(finds('eak', 'water leak')).toBe(false);
  });

  it('builds an FTS5 phrase of bigrams for a run and a prefix for a word', () => {
    const parsed = parseQuery('洗手間 漏水 B12');
    expect(parsed.ok && ftsMatch(parsed.query)).toBe('"洗手 手间 间漏 漏水" AND "b12"*');
  });

  it('refuses an empty query, one of only punctuation, and an over-long one', () => {
    expect(parseQuery('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseQuery(' ，。!? ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseQuery('漏'.repeat(MAX_QUERY_LENGTH + 1))).toEqual({ ok: false, problem: 'tooLong' });
  });

  it("joins a row's searched fields, one per line, skipping empty ones", () => {
    expect(rowSearchText('logEntry', { cause: '漏水', process: '', result: '已修', location: '15樓' })).toBe(
      '漏水\n已修\n15樓',
    );
    expect(rowSearchText('taskNote', { text: '等零件' })).toBe('等零件');
  });
});
