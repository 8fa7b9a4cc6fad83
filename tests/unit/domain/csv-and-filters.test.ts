import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvLine, parseCsv } from '../../../src/domain/csv';
import {
  filterSpan,
  filtersToQuery,
  matchesRegister,
  NO_FILTERS,
  parseRegisterFilters,
} from '../../../src/domain/register-filters';

const query = (q: string) => {
  const params = new URLSearchParams(q);
  return parseRegisterFilters((name) => params.get(name));
};

describe('CSV writer (F1, F2, F3 exports)', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Chinese as it is', () => {
    expect(csvCell('12樓 水龍頭漏水')).toBe('12樓 水龍頭漏水');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他說"好"')).toBe('"他說""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvLine(['甲', null, 3])).toBe('甲,,3\r\n');
  });

  it('guards a cell starting with =, +, -, @ against formula injection; numbers stay numbers', () => {
    expect(['=1+1', '+852 9123', '-2', '@SUM(A1)'].map(csvCell)).toEqual(["'=1+1", "'+852 9123", "'-2", "'@SUM(A1)"]);
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell(-2)).toBe('-2');
  });

  it('reads back what it wrote, BOM dropped', () => {
    const text = CSV_BOM + csvLine(['位置', '事項']) + csvLine(['12樓', '他說"漏水",\r\n急']);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(text)).toEqual([
      ['位置', '事項'],
      ['12樓', '他說"漏水",\r\n急'],
    ]);
  });
});

describe('register filters (kept in the URL query, sent to the export)', () => {
  it('reads every filter and writes them back to the same query', () => {
    const staffId = '0196f3a0-0000-7000-8000-0000000000a1';
    const q = `from=2026-11-01&to=2026-11-30&kind=repair&severity=major&status=open&staffId=${staffId}&location=12%E6%A8%93`;
    const parsed = query(q);
    expect(parsed).toEqual({
      ok: true,
      filters: {
        from: '2026-11-01',
        to: '2026-11-30',
        kind: 'repair',
        severity: 'major',
        status: 'open',
        staffId,
        location: '12樓',
      },
    });
    if (parsed.ok) expect(filtersToQuery(parsed.filters)).toBe(q);
    expect(query('')).toEqual({ ok: true, filters: NO_FILTERS });
  });

  it('names each malformed filter with why', () => {
    expect(query('from=2026-02-30&to=tomorrow&kind=leak&severity=huge&status=lost&staffId=12')).toEqual({
      ok: false,
      errors: {
        from: 'badDate',
        to: 'badDate',
        kind: 'unknown',
        severity: 'unknown',
        status: 'unknown',
        staffId: 'unknown',
      },
    });
    expect(query('from=2026-11-30&to=2026-11-01')).toEqual({ ok: false, errors: { to: 'reversed' } });
    expect(query(`location=${'樓'.repeat(121)}`)).toEqual({ ok: false, errors: { location: 'tooLong' } });
  });

  it('F2: a day range is building days in the building’s zone; the register keeps its own kinds', () => {
    const filters = { ...NO_FILTERS, from: '2026-11-02', to: '2026-11-02' };
    const span = filterSpan(filters, 'Asia/Hong_Kong');
    const repair = {
      kind: 'repair' as const,
      severity: 'routine' as const,
      status: 'open' as const,
      staffId: 's',
      location: '12樓洗手間',
      unit: '1203',
      occurredAt: Date.UTC(2026, 10, 1, 16, 30), // 2026-11-02 00:30 in Hong Kong
    };
    expect(matchesRegister('repairs', repair, filters, span)).toBe(true);
    expect(matchesRegister('repairs', { ...repair, occurredAt: Date.UTC(2026, 10, 1, 15, 59) }, filters, span)).toBe(
      false,
    );
    expect(matchesRegister('tenants', repair, filters, span)).toBe(false);
    expect(matchesRegister('duty', repair, filters, span)).toBe(true);
    expect(matchesRegister('repairs', repair, { ...filters, location: '1203' }, span)).toBe(true);
    expect(matchesRegister('repairs', repair, { ...filters, location: '大堂' }, span)).toBe(false);
  });
});
