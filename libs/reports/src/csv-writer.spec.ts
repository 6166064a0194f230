import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { toCsv } from './csv-writer';

const read = (csv: string): string[][] => parse(csv);

describe('toCsv', () => {
  it('writes the header first and ends every record with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('quotes fields holding a comma, a quote, CR or LF, and doubles the quotes', () => {
    const csv = toCsv(['v'], [['a,b'], ['say "hi"'], ['two\nlines'], ['cr\rhere'], ['plain']]);
    expect(csv).toBe('v\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n"cr\rhere"\r\nplain\r\n');
  });

  it('writes null and undefined as empty, booleans and numbers as text', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, true, 2.5]])).toBe('a,b,c,d\r\n,,true,2.5\r\n');
    // A lone empty field is quoted so the record is not read as a blank line.
    expect(toCsv(['a'], [[null]])).toBe('a\r\n""\r\n');
    expect(read(toCsv(['a'], [[null], ['x']]))).toEqual([['a'], [''], ['x']]);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
  ])('prefixes the formula-like text %j with an apostrophe', (input, expected) => {
    const [, [cell]] = read(toCsv(['v'], [[input]]));
    expect(cell).toBe(expected);
  });

  it('prefixes a leading CR and still quotes it', () => {
    expect(toCsv(['v'], [['\r=1']])).toBe('v\r\n"\'\r=1"\r\n');
  });

  it('keeps numbers as numbers: a negative number is not a formula', () => {
    expect(toCsv(['n', 's', 'e'], [[-3, '-4.5', 1e21]])).toBe('n,s,e\r\n-3,-4.5,1e+21\r\n');
    // Non-finite numbers are written as text, so "-Infinity" is treated like any text.
    expect(toCsv(['n'], [[-Infinity]])).toBe("n\r\n'-Infinity\r\n");
  });

  it('protects the header row too', () => {
    expect(toCsv(['=HYPERLINK("x")'], [])).toBe('"\'=HYPERLINK(""x"")"\r\n');
  });

  it('says which row has the wrong number of values', () => {
    expect(() => toCsv(['a', 'b'], [[1, 2], [3]])).toThrow(
      /row 2 of 2 \(index 1\) has 1 values, but there are 2 columns/,
    );
    expect(() => toCsv(['a'], [[1, 2]])).toThrow(Error);
  });

  it('is read back by csv-parse as the input, for any text that does not start like a formula', () => {
    const safe = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.tuple(safe, safe, safe), { maxLength: 8 }), (rows) => {
        const columns = ['first, "quoted"', 'second\r\nline', 'third'];
        expect(read(toCsv(columns, rows))).toEqual([columns, ...rows]);
      }),
    );
  });

  it('reads back mixed values as their text form', () => {
    const rows = [
      ['Insider, "trusted"', 16, null, false],
      ['=evil()', -1.25, undefined, true],
    ];
    expect(read(toCsv(['name', 'score', 'owner', 'open'], rows))).toEqual([
      ['name', 'score', 'owner', 'open'],
      ['Insider, "trusted"', '16', '', 'false'],
      ["'=evil()", '-1.25', '', 'true'],
    ]);
  });
});
