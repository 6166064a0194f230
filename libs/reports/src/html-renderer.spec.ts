import { HTML_CONTENT_TYPE, renderHtml } from './html-renderer';
import { Block, ReportDocument } from './report-document';
import { barChartSvg, coverageHeatmapSvg, riskMatrixSvg } from './svg-charts';

const doc = (blocks: Block[], extra: Partial<ReportDocument> = {}): ReportDocument => ({
  title: 'Security posture',
  generatedAt: '2026-11-23T10:00:00Z',
  blocks,
  ...extra,
});

const VOID = new Set(['meta', 'br']);

/** Tags closed in order (void and self-closed SVG elements aside), with no raw `<` in text. */
function expectBalanced(html: string): void {
  const body = html.replace(/^<!DOCTYPE html>/, '').replace(/<style>[\s\S]*?<\/style>/, '');
  const tags = /<(\/?)([a-zA-Z][\w:-]*)([^<>]*?)(\/?)>/g;
  const stack: string[] = [];
  for (const [, close, name, , self] of body.matchAll(tags)) {
    if (close) expect(`${stack.pop()}`).toBe(name);
    else if (!self && !VOID.has(name)) stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(body.replace(tags, '')).not.toMatch(/[<>]/);
}

const hostile = '<script>alert("x")</script> & Co';
const full = doc(
  [
    { kind: 'heading', level: 2, text: 'Summary' },
    { kind: 'paragraph', text: `Paragraph ${hostile}\nsecond line` },
    {
      kind: 'facts',
      items: [
        { label: 'Critical assets', value: 42 },
        { label: hostile, value: hostile },
      ],
    },
    { kind: 'list', items: ['one', hostile] },
    { kind: 'heading', level: 3, text: 'Summary' },
    { kind: 'heading', level: 3, text: 'Custom', id: 'my-anchor' },
    {
      kind: 'table',
      caption: 'Top risks',
      columns: ['Risk', 'Score'],
      rows: [
        [hostile, 16],
        ['Theft', 0.1 + 0.2],
      ],
    },
    {
      kind: 'chart',
      title: `Coverage ${hostile}`,
      svg: coverageHeatmapSvg([
        {
          name: hostile,
          cells: {
            governance: 'covered',
            personnel: 'missing',
            information: 'covered',
            cyber: 'not-required',
            physical: 'covered',
          },
        },
      ]),
      table: { columns: ['Asset', 'Governance'], rows: [[hostile, 'covered']] },
    },
    {
      kind: 'chart',
      title: 'Risk matrix',
      svg: riskMatrixSvg([{ likelihood: 4, consequence: 2, count: 7, level: 'high' }]),
      table: { columns: ['L', 'C', 'Count'], rows: [[4, 2, 7]] },
    },
    { kind: 'todo', text: `Describe the governance ${hostile}.` },
  ],
  { marking: 'OFFICIAL: Sensitive', subtitle: `Acme ${hostile}` },
);

describe('renderHtml', () => {
  const html = renderHtml(full);

  it('is one HTML5 document in English and UTF-8', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html.match(/<body>/g)).toHaveLength(1);
    expectBalanced(html);
    expect(HTML_CONTENT_TYPE).toBe('text/html; charset=utf-8');
  });

  it('is self-contained: inline style, no script and no URL of any kind', () => {
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|<img|@import|\ssrc=|https?:|\/\/[a-z]/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].every((m) => m[1].startsWith('#'))).toBe(true);
    expect([...html.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1].startsWith('#'))).toBe(true);
  });

  it('escapes every text', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/& Co/);
    expect(html).toContain('<title>Security posture</title>');
    expect(html).toContain(
      '<p class="subtitle">Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</p>',
    );
    expect(html).toContain('<li>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</li>');
    expect(html).toContain('second line');
    expect(html).toContain('&amp; Co<br>second line');
  });

  it('puts the marking banner first in the body and again at the end', () => {
    const banner = '<div class="marking" role="note">OFFICIAL: Sensitive</div>';
    expect(html.indexOf(banner)).toBe(html.indexOf('<body>') + '<body>\n'.length);
    expect(html.lastIndexOf(banner)).toBeGreaterThan(html.indexOf('</main>'));
    expect(renderHtml(doc([]))).not.toContain('class="marking"');
  });

  it('gives headings unique ids', () => {
    expect(html).toContain('<h2 id="summary">Summary</h2>');
    expect(html).toContain('<h3 id="summary-2">Summary</h3>');
    expect(html).toContain('<h3 id="my-anchor">Custom</h3>');
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes tables with a caption, a head and right-aligned numbers', () => {
    expect(html).toContain(
      '<table><caption>Top risks</caption><thead><tr><th scope="col">Risk</th><th scope="col" class="num">Score</th></tr></thead>',
    );
    expect(html).toContain('<td class="num">16</td>');
    expect(html).toContain('<td class="num">0.3</td>');
    expect(renderHtml(doc([{ kind: 'table', columns: ['a', 'b'], rows: [] }]))).toContain(
      '<td class="empty" colspan="2">No rows.</td>',
    );
  });

  it('writes facts as a definition grid', () => {
    expect(html).toContain('<dl class="facts"><div><dt>Critical assets</dt><dd>42</dd></div>');
    expect(html).toMatch(/\.facts\{display:grid/);
  });

  it('inlines each chart in a figure with its caption, and its data in details', () => {
    const charts = [
      ...html.matchAll(
        /<div class="chart"><figure>(<svg[\s\S]*?<\/svg>)<figcaption>([^<]*)<\/figcaption><\/figure><details><summary>[^<]*<\/summary>([\s\S]*?)<\/details><\/div>/g,
      ),
    ];
    expect(charts).toHaveLength(2);
    expect(charts[0][2]).toBe('Coverage &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(charts[0][1]).toMatch(/^<svg width="\d+" height="\d+" viewBox=/);
    expect(charts[0][3]).toMatch(/^<div class="table-wrap"><table><thead>/);
    expect(charts[1][1]).toContain('>7</text>');
  });

  it('marks todo blocks clearly', () => {
    expect(html).toContain(
      '<aside class="todo" role="note"><p class="todo-label">To be written</p>' +
        '<p>Describe the governance &lt;script&gt;',
    );
    expect(html).toMatch(/\.todo\{border:2px dashed/);
  });

  it('prints on A4 without breaking rows or figures', () => {
    expect(html).toContain('@page{size:A4;margin:18mm 14mm}');
    expect(html).toMatch(/tr,figure,[^{]*\{break-inside:avoid/);
  });

  it('keeps a heading on the page of the block after it, unless that block is a table or chart', () => {
    const kept = renderHtml(
      doc([
        { kind: 'heading', level: 2, text: 'Most urgent' },
        { kind: 'heading', level: 3, text: 'Data centre' },
        { kind: 'paragraph', text: 'Why' },
        { kind: 'heading', level: 3, text: 'Risks' },
        { kind: 'table', columns: ['a'], rows: [['x']] },
      ]),
    );
    expect(kept).toContain(
      '<div class="keep"><h2 id="most-urgent">Most urgent</h2><h3 id="data-centre">Data centre</h3><p>Why</p></div>',
    );
    expect(kept).toContain('<h3 id="risks">Risks</h3>\n<div class="table-wrap">');
    expect(kept).toMatch(/\.keep\{break-inside:avoid/);
    expect(kept).toMatch(/h2,h3,caption\{break-after:avoid/);
  });

  it('never wraps the columns a table marks (ids), and writes notes as notes', () => {
    const out = renderHtml(
      doc([
        {
          kind: 'table',
          columns: ['Id', 'Name'],
          noWrap: [0],
          rows: [['inf-customer-records', 'Customers']],
        },
        { kind: 'note', text: '1 of 2 <assets> shown' },
      ]),
    );
    expect(out).toContain('<th scope="col" class="nowrap">Id</th><th scope="col">Name</th>');
    expect(out).toContain('<td class="nowrap">inf-customer-records</td><td>Customers</td>');
    expect(out).toMatch(/\.nowrap\{white-space:nowrap\}/);
    expect(out).toContain('<p class="note" role="note">1 of 2 &lt;assets&gt; shown</p>');
  });

  it.each([
    ['a script', '<svg><script>alert(1)</script></svg>'],
    ['an event handler', '<svg onload="alert(1)"></svg>'],
    ['an outside reference', '<svg><image href="https://example.org/x.png"/></svg>'],
    ['an outside url()', '<svg><rect fill="url(https://example.org/p)"/></svg>'],
    ['foreign content', '<svg><foreignObject><p>x</p></foreignObject></svg>'],
    ['something else', '<div>not svg</div>'],
  ])('refuses a chart SVG with %s', (_, svg) => {
    const bad = doc([{ kind: 'chart', title: 'Bad', svg, table: { columns: [], rows: [] } }]);
    expect(() => renderHtml(bad)).toThrow(/chart "Bad"/);
  });

  it('accepts every chart svg-charts writes', () => {
    const svg = barChartSvg(hostile, [{ label: hostile, value: 1, note: hostile }]);
    expect(() =>
      renderHtml(doc([{ kind: 'chart', title: 'ok', svg, table: { columns: [], rows: [] } }])),
    ).not.toThrow();
  });
});
