import { DEFAULT_INPUT_LIMITS, checkValues, scanJson, scanYaml } from './input-limits';
import { parseFile } from './parse-file';

const limits = DEFAULT_INPUT_LIMITS;
const nested = (open: string, close: string, n: number) => open.repeat(n) + close.repeat(n);

describe('scanJson', () => {
  it('finds a duplicate key in an object, with its offset, and not across objects or in arrays', () => {
    const text = '{"a": 1, "b": {"a": 2, "c": [{"a": 3}, {"a": 4}]}, "a": 5}';
    expect(scanJson(text, limits)).toEqual({ offset: text.lastIndexOf('"a"'), message: 'duplicate key "a"' });
    expect(scanJson('{"a": "x,\\"a\\"", "b": ["a", "a"]}', limits)).toBeUndefined();
    expect(scanJson('{"\\u0061": 1, "a": 2}', limits)).toBeUndefined(); // escapes compared as written
  });

  it('refuses nesting deeper than the limit', () => {
    expect(scanJson(`{"a": ${nested('[', ']', 31)}}`, limits)).toBeUndefined();
    expect(scanJson(`{"a": ${nested('[', ']', 32)}}`, limits)?.message).toBe(
      'nested deeper than 32 levels (an organisation file needs 4)',
    );
  });
});

describe('scanYaml', () => {
  it('counts flow collections, not brackets or quotes inside text', () => {
    expect(scanYaml(`a: ${nested('[', ']', 40)}`, limits)?.message).toContain('nested deeper than 32');
    const text = [
      "name: O'Brien [HQ",
      'description: "a [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ b"',
      "note: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['",
      '# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      'list: [a, [b, {c: d}]]',
    ].join('\n');
    expect(scanYaml(text, limits)).toBeUndefined();
  });

  it('refuses lines indented beyond 256 columns (block nesting)', () => {
    expect(scanYaml(`a:\n${' '.repeat(300)}b: 1\n`, limits)?.message).toBe(
      'a line is indented more than 256 columns',
    );
  });
});

describe('checkValues', () => {
  it('names the path of a value over a limit', () => {
    expect(checkValues({ people: [{ id: 'p', name: 'x'.repeat(10_001) }] }, limits)).toEqual({
      path: ['people', 0, 'name'],
      message: 'text of 10001 characters; at most 10000',
    });
    const access = Array.from({ length: 11 }, (_, i) => ({ to: `s-${i}`, mode: 'read' }));
    expect(checkValues({ people: [{ id: 'p', access }] }, { ...limits, maxListLength: 10 })?.path).toEqual([
      'people',
      0,
      'access',
    ]);
    // A long section is fine: it is the file's size that bounds it.
    expect(
      checkValues({ people: Array(20).fill({ id: 'p' }) }, { ...limits, maxListLength: 10 }),
    ).toBeUndefined();
    expect(checkValues({ systems: [{ id: 's', name: 'a\u0000b' }] }, limits)?.message).toBe(
      'text holds the control character U+0000, which exports (XML, CSV) cannot carry',
    );
  });
});

describe('parseFile with hostile input: an issue, never a crash', () => {
  const issue = (text: string, file = 'x.yaml') => {
    const p = parseFile(file, text);
    expect(p.data).toBeUndefined();
    return p.issues.map((i) => `${i.line ?? '-'}: ${i.message}`);
  };

  it('a YAML alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]']
      .concat(
        'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
      )
      .join('\n');
    expect(issue(bomb)).toEqual([
      '-: not valid YAML: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  it('YAML nested 10,000 deep (it would take the process down)', () => {
    expect(issue(`format: rampart/v1\nx: ${nested('[', ']', 10_000)}`)).toEqual([
      '2: not a valid YAML organisation file: nested deeper than 32 levels (an organisation file needs 4)',
    ]);
  });

  it('duplicate keys in JSON, as YAML refuses them', () => {
    expect(issue('{\n"format": "rampart/v1",\n"format": "rampart/v2"\n}', 'x.json')).toEqual([
      '3: not a valid JSON organisation file: duplicate key "format"',
    ]);
    expect(parseFile('y.yaml', 'format: a\nformat: b\n').issues[0].message).toContain('not valid YAML');
  });
});
