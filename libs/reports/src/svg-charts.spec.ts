import {
  barChartSvg,
  coverageHeatmapSvg,
  escapeXml,
  formatNumber,
  HeatmapRow,
  riskMatrixSvg,
  truncate,
} from './svg-charts';

/** Every tag closed in order, no raw `<`/`>` in text, every `&` an entity: well-formed enough. */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const [, close, name, , self] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^<>]*?)(\/?)>/g)) {
    if (close) expect(stack.pop()).toBe(name);
    else if (!self) stack.push(name);
  }
  expect(stack).toEqual([]);
  const text = svg.replace(/<(\/?)([a-zA-Z][\w:-]*)([^<>]*?)(\/?)>/g, '');
  expect(text).not.toMatch(/[<>]/);
  expect(text.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
}

function expectSvgShell(svg: string): void {
  expectWellFormed(svg);
  const root = /^<svg ([^>]*)>/.exec(svg)?.[1] ?? '';
  expect(root).toContain('role="img"');
  expect(root).toContain('font-family="sans-serif"');
  const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(root) ?? [];
  expect(root).toContain(`viewBox="0 0 ${w} ${h}"`);
  expect(svg).toMatch(/^<svg [^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  expect(svg.endsWith('</svg>')).toBe(true);
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const num = (tag: string, name: string) => Number(attr(tag, name));
const heightOf = (svg: string) => num(/^<svg [^>]*>/.exec(svg)![0], 'height');

describe('text helpers', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>\u0000\u0007`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('formats numbers without float noise or locale', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1234567)).toBe('1234567');
    expect(formatNumber(2.345, 1)).toBe('2.3');
    expect(formatNumber(0.0004, 2)).toBe('0.0004');
    expect(formatNumber(-0.001, 1)).toBe('-0.001');
    expect(formatNumber(-0)).toBe('0');
  });

  it('cuts by characters, not UTF-16 units, and marks the cut', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('😀😀😀😀😀😀', 3)).toBe('😀😀…');
  });
});

const row = (name: string, cells: Partial<HeatmapRow['cells']> = {}): HeatmapRow => ({
  name,
  cells: {
    governance: 'covered',
    personnel: 'covered',
    information: 'covered',
    cyber: 'covered',
    physical: 'covered',
    ...cells,
  },
});

describe('coverageHeatmapSvg', () => {
  const svg = coverageHeatmapSvg([
    row('Payroll database', { personnel: 'missing', information: 'not-required', physical: 'missing' }),
    row('Data centre', { cyber: 'not-required' }),
  ]);
  const cells = [...svg.matchAll(/<rect class="cell ([a-z-]+)"[^>]*\/>/g)];

  it('is a standalone, accessible SVG', () => {
    expectSvgShell(svg);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('has the five domain column headers in order', () => {
    const headers = [...svg.matchAll(/font-weight="bold" text-anchor="middle">([A-Za-z]+)</g)].map(
      (m) => m[1],
    );
    expect(headers).toEqual(['Governance', 'Personnel', 'Information', 'Cyber', 'Physical']);
  });

  it('draws each cell with its status where it belongs (checked by hand)', () => {
    expect(cells.map((c) => c[1])).toEqual([
      ...['covered', 'missing', 'not-required', 'covered', 'missing'],
      ...['covered', 'covered', 'covered', 'not-required', 'covered'],
    ]);
    // Row 0 starts at y = 12 + 30 (legend) + 28 (header) + 1; column j at x = 12 + 240 + 92 j + 1.
    const personnel0 = cells[1][0];
    expect([num(personnel0, 'x'), num(personnel0, 'y')]).toEqual([345, 71]);
    const cyber1 = cells[8][0];
    expect([num(cyber1, 'x'), num(cyber1, 'y')]).toEqual([529, 95]);
  });

  it('never relies on colour alone: a glyph per cell, hatching for missing', () => {
    const glyphs = [...svg.matchAll(/<path class="glyph ([a-z-]+)"/g)].map((m) => m[1]);
    // Three legend keys, then one glyph per cell.
    expect(glyphs.slice(3)).toEqual(cells.map((c) => c[1]));
    const patternId = /<pattern id="([^"]+)"/.exec(svg)?.[1];
    expect(patternId).toBeDefined();
    for (const c of cells.filter((m) => m[1] === 'missing'))
      expect(attr(c[0], 'fill')).toBe(`url(#${patternId})`);
    for (const c of cells.filter((m) => m[1] === 'not-required')) expect(attr(c[0], 'fill')).toBe('#EEEEEE');
  });

  it('escapes names and cuts long ones, with the full name in the row title', () => {
    const long = 'A very long asset name <script>alert("x")</script> & more that keeps going';
    const out = coverageHeatmapSvg([row(long)]);
    expectWellFormed(out);
    expect(out).not.toContain('<script');
    const label = /<text [^>]*class="label"[^>]*>([^<]*)<\/text>/.exec(out)?.[1] ?? '';
    expect(label.endsWith('…')).toBe(true);
    expect(Array.from(label.replace(/&[a-z#0-9]+;/g, '_')).length).toBeLessThanOrEqual(32);
    expect(out).toContain(`<g class="row"><title>${escapeXml(long)}: Governance covered`);
  });

  it('says so when there are no critical assets', () => {
    const out = coverageHeatmapSvg([]);
    expectSvgShell(out);
    expect(out).toContain('No critical assets');
    expect(out).not.toContain('class="row"');
  });

  it('grows with 200 rows', () => {
    const many = Array.from({ length: 200 }, (_, i) => row(`Asset ${i}`));
    const out = coverageHeatmapSvg(many);
    expectSvgShell(out);
    expect(out.match(/<g class="row">/g)).toHaveLength(200);
    expect(heightOf(out)).toBe(12 + 30 + 28 + 200 * 24 + 12);
  });

  it('is deterministic and rejects an unknown status', () => {
    const rows = [row('x', { cyber: 'missing' })];
    expect(coverageHeatmapSvg(rows)).toBe(coverageHeatmapSvg(rows));
    const bad = { name: 'x', cells: { ...row('x').cells, cyber: 'toString' } } as unknown as HeatmapRow;
    expect(() => coverageHeatmapSvg([bad])).toThrow(/cyber/);
  });
});

describe('riskMatrixSvg', () => {
  const svg = riskMatrixSvg([
    { likelihood: 5, consequence: 1, count: 3, level: 'high' },
    { likelihood: 2, consequence: 4, count: 12, level: 'medium' },
  ]);
  const cellGroups = new Map(
    [...svg.matchAll(/<g class="cell" data-likelihood="(\d)" data-consequence="(\d)">(.*?)<\/g>/g)].map(
      (m) => [`${m[1]}/${m[2]}`, m[3]],
    ),
  );
  const countText = (g: string) => /<text [^>]*class="count"[^>]*>([^<]*)<\/text>/.exec(g)!;
  const levelText = (g: string) => /<text [^>]*class="level"[^>]*>([^<]*)<\/text>/.exec(g)?.[1];

  it('is a standalone, accessible SVG with all 25 cells', () => {
    expectSvgShell(svg);
    expect(cellGroups.size).toBe(25);
  });

  it('puts the counts in the right cells (checked by hand)', () => {
    // Plot at x 52, y 12; cells 80 x 56; likelihood 5 is the top row.
    const top = countText(cellGroups.get('5/1')!);
    expect([num(top[0], 'x'), num(top[0], 'y'), top[1]]).toEqual([92, 47, '3']);
    expect(levelText(cellGroups.get('5/1')!)).toBe('H');
    const mid = countText(cellGroups.get('2/4')!);
    expect([num(mid[0], 'x'), num(mid[0], 'y'), mid[1]]).toEqual([332, 215, '12']);
    expect(levelText(cellGroups.get('2/4')!)).toBe('M');
    expect(attr(/<rect[^>]*>/.exec(cellGroups.get('2/4')!)![0], 'fill')).toBe('#F0E442');
  });

  it('draws missing cells white with 0 and no level', () => {
    const g = cellGroups.get('1/5')!;
    expect(countText(g)[1]).toBe('0');
    expect(levelText(g)).toBeUndefined();
    expect(attr(/<rect[^>]*>/.exec(g)![0], 'fill')).toBe('#FFFFFF');
  });

  it('keeps every count inside its own cell, likelihood up and consequence right', () => {
    for (const [key, g] of cellGroups) {
      const [l, c] = key.split('/').map(Number);
      const rect = /<rect[^>]*>/.exec(g)![0];
      const t = countText(g)[0];
      expect(num(rect, 'x')).toBe(52 + (c - 1) * 80);
      expect(num(rect, 'y')).toBe(12 + (5 - l) * 56);
      expect(num(t, 'x')).toBeGreaterThan(num(rect, 'x'));
      expect(num(t, 'x')).toBeLessThan(num(rect, 'x') + 80);
      expect(num(t, 'y')).toBeGreaterThan(num(rect, 'y'));
      expect(num(t, 'y')).toBeLessThan(num(rect, 'y') + 56);
    }
  });

  it('has axis titles and a four-level legend', () => {
    expect(svg).toContain('>Likelihood</text>');
    expect(svg).toContain('>Consequence</text>');
    const legend = [...svg.matchAll(/<g class="legend">.*?<\/g>/g)].map((m) => m[0]);
    expect(
      legend.map((g) => /<text[^>]*>([A-Z])<\/text><text[^>]*>(\w+)</.exec(g)?.slice(1).join(' ')),
    ).toEqual(['L Low', 'M Medium', 'H High', 'E Extreme']);
    expect(svg).toContain('15 in all: 0 low, 12 medium, 3 high, 0 extreme.');
  });

  it('adds up repeated cells, keeping the higher level, and rejects values off the scale', () => {
    const out = riskMatrixSvg([
      { likelihood: 3, consequence: 3, count: 1, level: 'high' },
      { likelihood: 3, consequence: 3, count: 2, level: 'medium' },
    ]);
    const g = /<g class="cell" data-likelihood="3" data-consequence="3">(.*?)<\/g>/.exec(out)![1];
    expect(countText(g)[1]).toBe('3');
    expect(levelText(g)).toBe('H');
    const bad = { likelihood: 6, consequence: 1, count: 1, level: 'low' } as never;
    expect(() => riskMatrixSvg([bad])).toThrow(/likelihood 6/);
  });
});

describe('barChartSvg', () => {
  const bars = (svg: string) =>
    [...svg.matchAll(/<g class="bar-row">(.*?)<\/g>/g)].map((m) => ({
      rect: /<rect class="bar"[^>]*>/.exec(m[1])![0],
      value: /<text [^>]*class="value"[^>]*>([^<]*)</.exec(m[1])!,
      label: /<text [^>]*class="label"[^>]*>([^<]*)</.exec(m[1])![1],
    }));

  it('scales bars to the largest value and writes the value at the bar end (checked by hand)', () => {
    const svg = barChartSvg('Weakest links', [
      { label: 'Vetting', value: 2 },
      { label: 'MFA', value: 4 },
    ]);
    expectSvgShell(svg);
    expect(svg).toContain('<title>Weakest links</title>');
    const [a, b] = bars(svg);
    // Plot starts at x = 12 + 200 and is 320 wide; the scale ends at 4.
    expect([num(a.rect, 'x'), num(a.rect, 'width'), num(b.rect, 'width')]).toEqual([212, 160, 320]);
    expect([num(a.value[0], 'x'), a.value[1]]).toEqual([378, '2']);
    expect([num(b.value[0], 'x'), b.value[1]]).toEqual([538, '4']);
    expect([a.label, b.label]).toEqual(['Vetting', 'MFA']);
    expect(num(b.rect, 'y')).toBeGreaterThan(num(a.rect, 'y'));
  });

  it('uses a given maximum and unit (maturity 0..5), with a tick per level', () => {
    const svg = barChartSvg('Maturity', [{ label: 'Cyber', value: 2.5 }], { max: 5, unit: 'of 5' });
    const [a] = bars(svg);
    expect(num(a.rect, 'width')).toBe(160);
    expect(a.value[1]).toBe('2.5 of 5');
    const ticks = [...svg.matchAll(/fill="#444444">([\d.]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('rounds the scale up to a round tick', () => {
    const svg = barChartSvg('x', [
      { label: 'a', value: 1.5 },
      { label: 'b', value: 0.42 },
    ]);
    const ticks = [...svg.matchAll(/fill="#444444">([\d.]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks).toEqual(['0', '0.5', '1', '1.5']);
  });

  it('clamps bars to the scale, escapes text and cuts long labels', () => {
    const svg = barChartSvg(
      'A & <B>',
      [
        { label: 'Badge reader <door> at the loading dock of building seven', value: 9, note: '3 & more' },
        { label: 'Negative', value: -1 },
      ],
      { max: 5 },
    );
    expectWellFormed(svg);
    const [a, b] = bars(svg);
    expect([num(a.rect, 'width'), num(b.rect, 'width')]).toEqual([320, 0]);
    expect(a.label.endsWith('…')).toBe(true);
    expect(svg).toContain('<title>A &amp; &lt;B&gt;</title>');
    expect(svg).toContain('3 &amp; more');
    expect(svg).toContain(
      '<title>Badge reader &lt;door&gt; at the loading dock of building seven: 9 (3 &amp; more)</title>',
    );
  });

  it('handles no bars and rejects values that are not numbers', () => {
    const svg = barChartSvg('Empty', []);
    expectSvgShell(svg);
    expect(svg).toContain('No data');
    expect(() => barChartSvg('x', [{ label: 'a', value: NaN }])).toThrow(/"a" has value NaN/);
  });
});
