import fc from 'fast-check';
import { renderMarkdown } from './markdown-renderer';
import { Block, ReportDocument } from './report-document';

const doc = (blocks: Block[], extra: Partial<ReportDocument> = {}): ReportDocument => ({
  title: 'Security posture',
  generatedAt: '2026-11-23T10:00:00Z',
  blocks,
  ...extra,
});

/** The cells of a GitHub table row: split on pipes not escaped by an odd run of backslashes. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') {
      cur += line[i] + (line[i + 1] ?? '');
      i++;
    } else if (line[i] === '|') {
      cells.push(cur);
      cur = '';
    } else cur += line[i];
  }
  cells.push(cur);
  return cells.slice(1, -1).map((c) => c.trim());
}

describe('renderMarkdown', () => {
  it('opens with the marking banner, then title, subtitle and generation time', () => {
    const md = renderMarkdown(
      doc([], { marking: 'OFFICIAL: Sensitive', subtitle: 'Acme Pty Ltd, as of 2026-11-01' }),
    );
    expect(md.split('\n\n').slice(0, 4)).toEqual([
      '> **OFFICIAL: Sensitive**',
      '# Security posture',
      'Acme Pty Ltd, as of 2026-11-01',
      'Generated: 2026-11-23T10:00:00Z',
    ]);
    expect(md.trimEnd().endsWith('> **OFFICIAL: Sensitive**')).toBe(true);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('leaves the banner out without a marking', () => {
    expect(renderMarkdown(doc([])).startsWith('# Security posture\n')).toBe(true);
  });

  it('renders headings, paragraphs and lists', () => {
    const md = renderMarkdown(
      doc([
        { kind: 'heading', level: 2, text: 'Summary' },
        { kind: 'heading', level: 3, text: 'Rank #' },
        { kind: 'paragraph', text: 'Plain text.' },
        { kind: 'list', items: ['one', 'two\nlines'] },
      ]),
    );
    expect(md).toContain('\n## Summary\n');
    expect(md).toContain('\n### Rank \\#\n');
    expect(md).toContain('\nPlain text.\n');
    expect(md).toContain('\n- one\n- two\n  lines\n');
  });

  it('neutralises what would change the structure at the start of a line', () => {
    const md = renderMarkdown(
      doc([
        {
          kind: 'paragraph',
          text: '# not a heading\n> not a quote\n- not a list\n1. not ordered\n===\n    not code',
        },
      ]),
    );
    expect(md).toContain(
      '\n\\# not a heading\n\\> not a quote\n\\- not a list\n1\\. not ordered\n\\===\nnot code\n',
    );
  });

  it('escapes emphasis, links, HTML, maths and entities inside text', () => {
    const md = renderMarkdown(
      doc([{ kind: 'paragraph', text: '*a* _b_ [c](d) <script> $5 &amp; `e` ~f~ AT&T \\' }]),
    );
    expect(md).toContain('\\*a\\* \\_b\\_ \\[c\\](d) \\<script> \\$5 \\&amp; \\`e\\` \\~f\\~ AT&T \\\\\n');
  });

  it('writes facts as a two-column table', () => {
    const md = renderMarkdown(
      doc([
        {
          kind: 'facts',
          items: [
            { label: 'Critical assets', value: 42 },
            { label: 'Posture', value: 'Amber' },
          ],
        },
      ]),
    );
    expect(md).toContain('| Item | Value |\n| --- | --- |\n| Critical assets | 42 |\n| Posture | Amber |');
  });

  it('writes a note in italics, escaped, on one line', () => {
    const md = renderMarkdown(
      doc([{ kind: 'note', text: '100 of 1082 *assets* shown;\nthe rest in the annex' }]),
    );
    expect(md).toContain('*100 of 1082 \\*assets\\* shown; the rest in the annex*');
  });

  it('writes tables with escaped cells and right-aligned number columns', () => {
    const md = renderMarkdown(
      doc([
        {
          kind: 'table',
          caption: 'Top risks',
          columns: ['Risk', 'Score', 'Mixed'],
          rows: [
            ['Insider | theft\nof data', 16, 1],
            ['*Loud*', 0.1 + 0.2, 'n/a'],
          ],
        },
      ]),
    );
    expect(md).toContain(
      '*Top risks*\n\n| Risk | Score | Mixed |\n| --- | ---: | --- |\n' +
        '| Insider \\| theft<br>of data | 16 | 1 |\n| \\*Loud\\* | 0.3 | n/a |',
    );
  });

  it('keeps every table row at the column count, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { minLength: 1, maxLength: 5 }), (rows) => {
        const md = renderMarkdown(doc([{ kind: 'table', columns: ['a|b', 'c\nd'], rows }]));
        const lines = md.split('\n').filter((l) => l.startsWith('| '));
        expect(lines).toHaveLength(rows.length + 2);
        for (const line of lines) expect(cellsOf(line)).toHaveLength(2);
      }),
    );
  });

  it('pads short rows', () => {
    const md = renderMarkdown(doc([{ kind: 'table', columns: ['a', 'b'], rows: [['x']] }]));
    expect(md).toContain('| x |  |');
  });

  it('shows a chart as its title and data table, without the SVG', () => {
    const md = renderMarkdown(
      doc([
        {
          kind: 'chart',
          title: 'Risk matrix',
          svg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
          table: { columns: ['Level', 'Count'], rows: [['high', 3]] },
        },
      ]),
    );
    expect(md).toContain('**Risk matrix**\n\n| Level | Count |\n| --- | ---: |\n| high | 3 |');
    expect(md).not.toContain('<svg');
  });

  it('marks todo blocks as a quote to be written', () => {
    const md = renderMarkdown(doc([{ kind: 'todo', text: 'Describe the governance.\nName the owner.' }]));
    expect(md).toContain('\n> **To be written:** Describe the governance.\n> Name the owner.\n');
  });
});
