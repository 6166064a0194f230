import { Block, ReportDocument } from './report-document';
import { escapeXml, formatNumber } from './svg-charts';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * One self-contained HTML5 document (inline style and SVG, nothing fetched), laid out for the
 * screen and for A4 printing by chromium, which is how the PDF is made from it.
 */
export function renderHtml(doc: ReportDocument): string {
  const ids = new Set<string>();
  const marking = doc.marking ? `<div class="marking" role="note">${esc(doc.marking)}</div>` : '';
  const header = [
    `<h1>${esc(doc.title)}</h1>`,
    doc.subtitle ? `<p class="subtitle">${text(doc.subtitle)}</p>` : '',
    `<p class="generated">Generated <time datetime="${esc(doc.generatedAt)}">${esc(doc.generatedAt)}</time></p>`,
  ].join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    marking,
    `<header>${header}</header>`,
    '<main>',
    ...keptWithNext(doc.blocks).map((group) => renderGroup(group, ids)),
    '</main>',
    // Handling markings conventionally close a document as well as open it.
    marking,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}

/**
 * A heading and the block after it go together (unless that block is a table or chart, which may
 * span pages and repeat their head): a heading is never the last line of a printed page.
 */
function keptWithNext(blocks: readonly Block[]): Block[][] {
  const groups: Block[][] = [];
  for (let i = 0; i < blocks.length; i++) {
    const group = [blocks[i]];
    while (group[group.length - 1].kind === 'heading' && i + 1 < blocks.length) {
      const next = blocks[i + 1];
      if (next.kind === 'table' || next.kind === 'chart') break;
      group.push(next);
      i++;
    }
    groups.push(group);
  }
  return groups;
}

function renderGroup(group: Block[], ids: Set<string>): string {
  const html = group.map((b) => renderBlock(b, ids)).join('');
  return group.length > 1 ? `<div class="keep">${html}</div>` : html;
}

const esc = escapeXml;
/** Escaped text whose line breaks survive. */
const text = (s: string) => esc(s).replace(/\r\n|\r|\n/g, '<br>');

function renderBlock(b: Block, ids: Set<string>): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level} id="${esc(uniqueId(b.id ?? b.text, ids))}">${esc(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${text(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${text(i)}</li>`).join('')}</ul>`;
    case 'facts':
      return `<dl class="facts">${b.items
        .map((f) => `<div><dt>${text(f.label)}</dt><dd>${text(value(f.value))}</dd></div>`)
        .join('')}</dl>`;
    case 'table':
      return `<div class="table-wrap">${table(b.columns, b.rows, b.caption, b.noWrap)}</div>`;
    case 'note':
      return `<p class="note" role="note">${text(b.text)}</p>`;
    case 'chart':
      // Caption below: a chart taller than the page space left is moved to the next page by
      // chromium, and a caption above it would be left behind.
      return [
        '<div class="chart"><figure>',
        inlineSvg(b.svg, b.title),
        `<figcaption>${esc(b.title)}</figcaption></figure>`,
        `<details><summary>Data: ${esc(b.title)}</summary><div class="table-wrap">${table(b.table.columns, b.table.rows)}</div></details>`,
        '</div>',
      ].join('');
    case 'todo':
      return (
        '<aside class="todo" role="note"><p class="todo-label">To be written</p>' +
        `<p>${text(b.text)}</p></aside>`
      );
  }
}

const value = (v: string | number) => (typeof v === 'number' ? formatNumber(v) : v);

/** Anchors from the text, made unique in the document so links and the PDF outline resolve. */
function uniqueId(source: string, ids: Set<string>): string {
  const base =
    source
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section';
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  ids.add(id);
  return id;
}

function table(
  columns: string[],
  rows: readonly (string | number)[][],
  caption?: string,
  noWrap: readonly number[] = [],
): string {
  // A column whose every filled cell is a number is right-aligned, its header too.
  const numeric = columns.map(
    (_, i) =>
      rows.some((r) => typeof r[i] === 'number') &&
      rows.every((r) => typeof r[i] === 'number' || r[i] === ''),
  );
  const classes = columns.map((_, i) =>
    [numeric[i] ? 'num' : '', noWrap.includes(i) ? 'nowrap' : ''].filter(Boolean).join(' '),
  );
  const cls = (i: number) => (classes[i] ? ` class="${classes[i]}"` : '');
  const head = columns.map((c, i) => `<th scope="col"${cls(i)}>${text(c)}</th>`).join('');
  // One array joined once: a long table is never rebuilt by repeated concatenation.
  const out: string[] = ['<table>', caption ? `<caption>${text(caption)}</caption>` : ''];
  out.push(`<thead><tr>${head}</tr></thead><tbody>`);
  for (const r of rows) {
    out.push('<tr>');
    for (let i = 0; i < columns.length; i++) out.push(`<td${cls(i)}>${text(value(r[i] ?? ''))}</td>`);
    out.push('</tr>');
  }
  if (!rows.length)
    out.push(`<tr><td class="empty" colspan="${Math.max(1, columns.length)}">No rows.</td></tr>`);
  out.push('</tbody></table>');
  return out.join('');
}

/**
 * The chart's SVG goes in as markup, so it is checked to be the kind ./svg-charts writes: one
 * <svg> element with no script, event handler, foreign content or reference outside itself.
 */
function inlineSvg(svg: string, title: string): string {
  const s = svg.trim();
  const tags = s.match(/<[^>]*>/g) ?? [];
  const unsafe =
    !/^<svg[\s>]/.test(s) ||
    !s.endsWith('</svg>') ||
    tags.some(
      (t) =>
        /^<[!?]/.test(t) ||
        /^<\/?\s*(script|style|foreignObject|iframe|object|embed|image|a)\b/i.test(t) ||
        /\son[a-z]+\s*=/i.test(t) ||
        /\s(xlink:)?href\s*=\s*["']?(?!#)/i.test(t) ||
        /url\(\s*["']?(?!#)/i.test(t),
    );
  if (unsafe) throw new Error(`renderHtml: the SVG of chart "${title}" is not one ./svg-charts would write`);
  // The HTML parser puts <svg> in the SVG namespace itself; without the attribute the page names no URL.
  return s.replace(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, '<svg');
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:system-ui,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:11pt;line-height:1.45;color:#111;background:#fff;max-width:62rem;margin:0 auto;padding:1.5rem}
.marking{border:2px solid #000;text-align:center;font-weight:700;letter-spacing:.05em;padding:.25rem .6rem;margin:0 0 1.2rem}
main+.marking{margin:1.5rem 0 0}
h1{font-size:1.8rem;line-height:1.2;margin:0 0 .3rem}
.subtitle{font-size:1.1rem;color:#333;margin:0}
.generated{color:#555;font-size:.9rem;margin:.2rem 0 1.5rem}
h2{font-size:1.35rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin:2rem 0 .6rem}
h3{font-size:1.1rem;margin:1.4rem 0 .4rem}
h2,h3,caption{break-after:avoid;page-break-after:avoid}
.keep{break-inside:avoid;page-break-inside:avoid}
.nowrap{white-space:nowrap}
.note{color:#444;font-style:italic;margin:-.6rem 0 1rem;font-size:.9em}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.92em}
caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.3rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:#e8eef5}
tbody tr:nth-child(even){background:#f6f6f6}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.empty{color:#555;font-style:italic}
thead{display:table-header-group}
tr,figure,.todo,.facts>div{break-inside:avoid;page-break-inside:avoid}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem;margin:.6rem 0 1rem}
.facts>div{border:1px solid #bbb;border-left:4px solid #0072B2;padding:.35rem .6rem}
.facts dt{font-size:.8rem;color:#444}
.facts dd{margin:0;font-size:1.15rem;font-weight:600}
figure{margin:0}
.chart{margin:1rem 0}
figcaption{font-weight:600;margin-top:.3rem}
figure svg{display:block;max-width:100%;height:auto}
summary{cursor:pointer;color:#0072B2;margin-top:.4rem}
.todo{border:2px dashed #D55E00;background:#fff7ee;padding:.6rem .8rem;margin:1rem 0}
.todo-label{font-weight:700;font-size:.8rem;letter-spacing:.05em;text-transform:uppercase;margin:0 0 .3rem}
.todo-label+p{margin:0}
@page{size:A4;margin:18mm 14mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.35}.table-wrap{overflow:visible}details{display:none}
h2{margin:1.2rem 0 .4rem}h3{margin:1rem 0 .3rem}table{font-size:.88em;margin:.4rem 0 .8rem}th,td{padding:.15rem .35rem}
.facts{grid-template-columns:repeat(4,1fr);gap:.35rem}.facts dd{font-size:1.05rem}}
`.trim();
