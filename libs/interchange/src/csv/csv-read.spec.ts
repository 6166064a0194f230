import { readCsv } from './csv-read';

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, counting physical lines', () => {
    const text = 'id,name,description\np-a,"Ng, Alice","says ""hi""\nand\nbye"\np-b,Bob,\n';
    const t = readCsv('people.csv', text);
    expect(t.issues).toEqual([]);
    expect(t.header).toEqual(['id', 'name', 'description']);
    expect(t.headerLine).toBe(1);
    expect(t.rows).toEqual([
      { line: 2, cells: ['p-a', 'Ng, Alice', 'says "hi"\nand\nbye'] },
      { line: 5, cells: ['p-b', 'Bob', ''] },
    ]);
  });

  it('handles CRLF (also inside quoted fields), a byte-order mark and a last line without a break', () => {
    const text = '\ufeffid,name\r\np-a,"two\r\nlines"\r\n\r\np-b,Bob';
    const t = readCsv('people.csv', text);
    expect(t.header).toEqual(['id', 'name']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['p-a', 'two\r\nlines'] },
      { line: 5, cells: ['p-b', 'Bob'] },
    ]);
  });

  it('skips blank rows (also all-empty ones such as ",,") and trims cells', () => {
    const t = readCsv('x.csv', '\n\nid , name\n,\n  p-a ,  "Alice "\n');
    expect(t.headerLine).toBe(3);
    expect(t.header).toEqual(['id', 'name']);
    expect(t.rows).toEqual([{ line: 5, cells: ['p-a', 'Alice '] }]);
  });

  it('keeps rows of any width: the caller checks them against the header', () => {
    const t = readCsv('x.csv', 'a,b\n1\n1,2,3\n');
    expect(t.rows.map((r) => r.cells.length)).toEqual([1, 3]);
  });

  it('an empty file has no header and no issue of its own', () => {
    expect(readCsv('x.csv', '')).toMatchObject({ header: undefined, rows: [], issues: [] });
    expect(readCsv('x.csv', '\ufeff\r\n').header).toBeUndefined();
  });

  it.each([
    [
      'an unclosed quote, at the line of its record',
      'id,name\np-a,Alice\np-b,"Bob\nmore\n',
      3,
      /never closed/,
    ],
    ['text after a closing quote', 'id,name\n\n"p-a"x,Alice\n', 3, /after the closing quote/],
    ['a quote inside an unquoted field', 'id,name\np-a,Al"ice\n', 2, /quote inside an unquoted field/],
    [
      'a bad quote after a multi-line CRLF field',
      'id,name\r\np-a,"x\r\ny"\r\np-b,"B"b\r\n',
      4,
      /closing quote/,
    ],
  ])('reports %s with its line', (_what, text, line, message) => {
    const t = readCsv('people.csv', text);
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({ file: 'people.csv', path: '', line });
    expect(t.issues[0].message).toMatch(/^not valid CSV: /);
    expect(t.issues[0].message).toMatch(message);
  });
});
