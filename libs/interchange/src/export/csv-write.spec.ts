import { unguardCsvFormula } from '@rampart/domain';
import { readCsv } from '../csv/csv-read';
import { csvField, csvRecord, csvText } from './csv-write';

describe('CSV writer', () => {
  it('quotes only what needs it: commas, quotes, line breaks, spaces at an end', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Ng, Alice')).toBe('"Ng, Alice"');
    expect(csvField('says "hi"')).toBe('"says ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField('  padded ')).toBe('"  padded "');
    expect(csvField('deter;delay')).toBe('deter;delay');
  });

  it('guards formula cells as every CSV of the service does, reversibly (the reader drops the apostrophe)', () => {
    for (const [value, written] of [
      ['=1+1', "'=1+1"],
      ['+44 20 7946 0000', "'+44 20 7946 0000"],
      ['-x', "'-x"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ["'quoted", "''quoted"],
      ['-5', '-5'],
      ['plain', 'plain'],
    ]) {
      expect(csvField(value)).toBe(written);
      expect(unguardCsvFormula(written)).toBe(value);
    }
    expect(csvField(-5)).toBe('-5');
  });

  it('writes numbers and booleans as the importer reads them, absent values as empty cells', () => {
    expect(csvField(0.95)).toBe('0.95');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(1e21)).toBe('1e+21');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('ends records with CRLF and writes a lone empty field as ""', () => {
    expect(csvRecord(['a', 1, undefined, true])).toBe('a,1,,true\r\n');
    expect(csvRecord([undefined])).toBe('""\r\n');
    expect(() => csvText(['a', 'b'], [['x']])).toThrow(/row 1 has 1 cells, the header 2/);
  });

  it('reads back to the same cells', () => {
    const rows = [
      ['Ng, Alice', 'says "hi"', 'line one\r\nline two', ' lead', 'trail ', ''],
      ['x', '', '', '', '', 'ünïcödé ✓'],
    ];
    const header = ['a', 'b', 'c', 'd', 'e', 'f'];
    const table = readCsv('t.csv', csvText(header, rows));
    expect(table.issues).toEqual([]);
    expect(table.header).toEqual(header);
    expect(table.rows.map((r) => r.cells)).toEqual(rows);
    expect(table.rows.map((r) => r.line)).toEqual([2, 4]);
  });
});
