import { DEFAULT_REPORT_ROWS, annexText, firstRows, rowLimit } from './report-limits';

describe('report limits', () => {
  it('keeps every row, and says nothing, when they fit', () => {
    expect(firstRows(['a', 'b'], 2, 'assets', 'JSON')).toEqual({ shown: ['a', 'b'], note: [] });
    expect(firstRows([], 1, 'assets', 'JSON')).toEqual({ shown: [], note: [] });
  });

  it('cuts to the first rows and says how many of how many, and where the rest are', () => {
    const items = Array.from({ length: 1082 }, (_, i) => i);
    const { shown, note } = firstRows(items, 100, 'uncovered critical assets', 'CSV/JSON');
    expect(shown).toEqual(items.slice(0, 100));
    expect(note).toEqual([
      {
        kind: 'note',
        text:
          '100 of 1082 uncovered critical assets shown; the full list is in the CSV/JSON annex ' +
          '(this report as csv or json).',
      },
    ]);
    expect(annexText(3, 4, 'planned controls', 'JSON')).toBe(
      '3 of 4 planned controls shown; the full list is in the JSON annex (this report as json).',
    );
  });

  it('defaults the rows, and refuses a limit that is not a whole number from 1', () => {
    expect(rowLimit()).toBe(DEFAULT_REPORT_ROWS);
    expect(rowLimit({ rows: 7 })).toBe(7);
    expect(() => rowLimit({ rows: 0 })).toThrow('rows must be a whole number from 1; got 0');
    expect(() => rowLimit({ rows: 2.5 })).toThrow(/got 2.5/);
  });
});
