import { Block, ReportDocument } from './report-document';
import { formatNumber } from './svg-charts';

/**
 * GitHub-flavoured Markdown from a report document. Charts become their data tables, since
 * Markdown cannot carry the SVG. Text is escaped so a name can never change the structure.
 */
export function renderMarkdown(doc: ReportDocument): string {
  const out: string[] = [];
  if (doc.marking) out.push(banner(doc.marking));
  out.push(`# ${headingText(doc.title)}`);
  if (doc.subtitle) out.push(paragraph(doc.subtitle));
  out.push(`Generated: ${inline(doc.generatedAt)}`);
  for (const block of doc.blocks) out.push(renderBlock(block));
  // Handling markings conventionally close a document as well as open it.
  if (doc.marking) out.push(banner(doc.marking));
  return out.join('\n\n') + '\n';
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${headingText(b.text)}`;
    case 'paragraph':
      return paragraph(b.text);
    case 'list':
      return b.items.length
        ? b.items.map((item) => `- ${indentLines(paragraph(item), '  ')}`).join('\n')
        : '_(none)_';
    case 'facts':
      return table(
        ['Item', 'Value'],
        b.items.map((f) => [f.label, f.value]),
      );
    case 'table':
      return (b.caption ? `*${inline(oneLine(b.caption))}*\n\n` : '') + table(b.columns, b.rows);
    case 'note':
      return `*${inline(oneLine(b.text))}*`;
    case 'chart':
      return `**${inline(oneLine(b.title))}**\n\n${table(b.table.columns, b.table.rows)}`;
    case 'todo':
      return quote(`**To be written:** ${paragraph(b.text)}`);
  }
}

const lines = (s: string) => s.split(/\r\n|\r|\n/);
const oneLine = (s: string) => lines(s).join(' ');
const indentLines = (s: string, pad: string) => lines(s).join(`\n${pad}`);
const quote = (s: string) =>
  lines(s)
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
const banner = (marking: string) => quote(`**${inline(oneLine(marking))}**`);
// Any `#` in a heading is escaped: a trailing run would otherwise be taken as a closing sequence.
const headingText = (s: string) => inline(oneLine(s)).replace(/#/g, '\\#');

/**
 * Escapes what would start emphasis, code, links, raw HTML, strikethrough, maths or an entity
 * anywhere in a line. Backslash escapes of ASCII punctuation are plain CommonMark, so they show as the bare
 * character once rendered.
 */
function inline(s: string): string {
  return s.replace(/[\\`*_[\]<~$]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * One paragraph: each line escaped inline, and what would turn a line into a heading, quote,
 * list, setext underline, table row or code block neutralised at its start.
 */
function paragraph(text: string): string {
  return lines(text)
    .map((line) => line.trimStart())
    .filter((line, i, all) => line || (i > 0 && i < all.length - 1))
    .map((line) =>
      inline(line)
        .replace(/^([#>+=|-])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

function cell(v: string | number): string {
  const s = typeof v === 'number' ? formatNumber(v) : v;
  return inline(s)
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A GitHub table; a column whose every filled cell is a number is right-aligned. */
function table(columns: string[], rows: (string | number)[][]): string {
  const numeric = columns.map(
    (_, i) =>
      rows.some((r) => typeof r[i] === 'number') &&
      rows.every((r) => typeof r[i] === 'number' || r[i] === ''),
  );
  const head = `| ${columns.map(cell).join(' | ')} |`;
  const rule = `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
  // Short rows are padded: GitHub would otherwise leave the missing cells out of the grid.
  const body = rows.map((r) => `| ${columns.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}
