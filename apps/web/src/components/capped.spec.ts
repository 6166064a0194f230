import { capNote, grouped } from './capped';

describe('capNote', () => {
  it('says nothing when the whole list shows', () => {
    expect(capNote(7, 7, 'threats')).toBe('');
  });

  it('says how many show of how many when the list is cut', () => {
    expect(capNote(100, 1234, 'threats')).toBe('showing 100 of 1,234 threats');
  });

  it('names the search it answers, cut or not', () => {
    expect(capNote(200, 450, 'assets', 'room')).toBe('showing 200 of 450 assets matching “room”');
    expect(capNote(3, 3, 'assets', 'room')).toBe('3 assets matching “room”');
    expect(capNote(0, 0, 'assets', 'zzz')).toBe('0 assets matching “zzz”');
  });
});

describe('grouped', () => {
  it('keeps the order of first appearance and the order within each group', () => {
    const g = grouped([
      { id: 'a', group: 'reached' },
      { id: 'b', group: 'other' },
      { id: 'c', group: 'reached' },
    ]);
    expect(g.map((x) => [x.group, x.options.map((o) => o.id)])).toEqual([
      ['reached', ['a', 'c']],
      ['other', ['b']],
    ]);
  });

  it('puts ungrouped options in one unnamed group', () => {
    expect(grouped<{ id: string; group?: string }>([{ id: 'a' }, { id: 'b' }])).toEqual([
      { group: undefined, options: [{ id: 'a' }, { id: 'b' }] },
    ]);
  });
});
