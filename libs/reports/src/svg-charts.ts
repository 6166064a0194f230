import { RISK_LEVELS, RiskLevel, SECURITY_DOMAINS, SecurityDomain } from '@rampart/domain';
import {
  CHAR_EM,
  charsIn,
  contentId,
  coord,
  formatNumber,
  svgDocument,
  tag,
  text,
  titleOf,
  truncate,
} from './svg-primitives';

export { escapeXml, formatNumber, truncate } from './svg-primitives';

/**
 * Standalone SVG charts for reports: pure, deterministic strings with no dependencies. They must
 * read on a black-and-white print, so colour is never the only signal: every cell also carries a
 * glyph, a letter or a number, and "missing" coverage is hatched.
 */

export type CoverageStatus = 'covered' | 'missing' | 'not-required';
export interface HeatmapRow {
  name: string;
  cells: Record<SecurityDomain, CoverageStatus>;
}
export interface RiskMatrixCell {
  likelihood: 1 | 2 | 3 | 4 | 5;
  consequence: 1 | 2 | 3 | 4 | 5;
  count: number;
  level: RiskLevel;
}
export interface Bar {
  label: string;
  value: number;
  note?: string;
}
export interface BarChartOptions {
  /** The value of a full-length bar; by default the largest value rounded up to a tick. */
  max?: number;
  unit?: string;
}

/** Okabe–Ito colours; black text on each of these has a contrast of at least 5.4:1. */
export const LEVEL_COLOURS: Record<RiskLevel, string> = {
  low: '#009E73',
  medium: '#F0E442',
  high: '#E69F00',
  extreme: '#D55E00',
};
const BLUE = '#0072B2';
const GREY_TEXT = '#444444';
const NOT_REQUIRED_FILL = '#EEEEEE';

export const DOMAIN_TITLES: Record<SecurityDomain, string> = {
  governance: 'Governance',
  personnel: 'Personnel',
  information: 'Information',
  cyber: 'Cyber',
  physical: 'Physical',
};
const STATUS_TITLES: Record<CoverageStatus, string> = {
  covered: 'covered',
  missing: 'missing',
  'not-required': 'not required',
};
const LEVEL_TITLES: Record<RiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  extreme: 'Extreme',
};

// ---------------------------------------------------------------------------------------------
// Coverage heatmap: assets x the five domains.

const HM = { pad: 12, label: 240, cell: 92, row: 24, legend: 30, header: 28, font: 12 };

/**
 * Check mark, cross and dash as paths (offset from the centre, then relative moves): drawn, not
 * typed, as a print server's fonts may lack those glyphs.
 */
const GLYPHS: Record<CoverageStatus, [number, number, string]> = {
  covered: [-6, 0, 'l4 4l8-9'],
  missing: [-5, -5, 'l10 10m0-10l-10 10'],
  'not-required': [-5, 0, 'h10'],
};

type Box = { x: number; y: number; w: number; h: number };

function statusCell(status: CoverageStatus, { x, y, w, h }: Box, hatch: string, cls = 'cell') {
  const fill =
    status === 'covered' ? LEVEL_COLOURS.low : status === 'missing' ? `url(#${hatch})` : NOT_REQUIRED_FILL;
  const [dx, dy, moves] = GLYPHS[status];
  const d = `M${coord(x + w / 2 + dx)} ${coord(y + h / 2 + dy)}${moves}`;
  const light = status === 'not-required';
  return (
    tag('rect', { class: `${cls} ${status}`, x, y, width: w, height: h, fill, stroke: '#FFFFFF' }) +
    tag('path', {
      class: `glyph ${status}`,
      d,
      fill: 'none',
      stroke: light ? '#666666' : '#000000',
      'stroke-width': light ? 2 : 2.5,
      'stroke-linecap': 'round',
    })
  );
}

export function coverageHeatmapSvg(rows: HeatmapRow[]): string {
  const title = 'Protective coverage of critical assets by security domain';
  const { pad, label, cell, row, legend, header, font } = HM;
  const width = pad * 2 + label + cell * SECURITY_DOMAINS.length;
  if (rows.length === 0) {
    const body = [text(pad, pad + 20, 'No critical assets to show.', { fill: GREY_TEXT })];
    return svgDocument(width, pad * 2 + 28, title, 'There are no critical assets in scope.', body);
  }
  const hatch = contentId('hatch', JSON.stringify(rows));
  const counts: Record<CoverageStatus, number> = { covered: 0, missing: 0, 'not-required': 0 };
  const headerY = pad + legend;
  const rowsY = headerY + header;
  const body: string[] = [
    // Light stripes over vermillion: "missing" stays distinct from "covered" in greyscale.
    tag(
      'defs',
      {},
      tag(
        'pattern',
        { id: hatch, width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        tag('rect', { width: 8, height: 8, fill: LEVEL_COLOURS.extreme }) +
          tag('path', { d: 'M0 0V8', stroke: '#FFFFFF', 'stroke-width': 3, 'stroke-opacity': 0.5 }),
      ),
    ),
  ];
  (['covered', 'missing', 'not-required'] as const).forEach((s, i) => {
    const x = pad + i * 150;
    body.push(
      statusCell(s, { x, y: pad, w: 22, h: 18 }, hatch, 'key'),
      text(x + 28, pad + 13, STATUS_TITLES[s]),
    );
  });
  body.push(text(pad, headerY + 18, 'Asset', { 'font-weight': 'bold' }));
  SECURITY_DOMAINS.forEach((d, i) => {
    const cx = pad + label + i * cell + cell / 2;
    body.push(text(cx, headerY + 18, DOMAIN_TITLES[d], { 'font-weight': 'bold', 'text-anchor': 'middle' }));
  });
  const maxChars = charsIn(label - 8, font);
  rows.forEach((r, i) => {
    const y = rowsY + i * row;
    for (const d of SECURITY_DOMAINS) {
      if (!Object.hasOwn(counts, r.cells[d]))
        throw new RangeError(`coverageHeatmapSvg: "${r.name}" ${d} is "${r.cells[d]}"`);
    }
    const summary = SECURITY_DOMAINS.map((d) => `${DOMAIN_TITLES[d]} ${STATUS_TITLES[r.cells[d]]}`);
    const parts = [titleOf(`${r.name}: ${summary.join(', ')}`)];
    // Banding keeps a long table readable across the row.
    if (i % 2 === 1)
      parts.push(tag('rect', { x: pad, y, width: width - 2 * pad, height: row, fill: '#F5F5F5' }));
    parts.push(text(pad + 4, y + row / 2 + 4, truncate(r.name, maxChars), { class: 'label' }));
    SECURITY_DOMAINS.forEach((d, j) => {
      const status = r.cells[d];
      counts[status]++;
      parts.push(
        statusCell(status, { x: pad + label + j * cell + 1, y: y + 1, w: cell - 2, h: row - 2 }, hatch),
      );
    });
    body.push(tag('g', { class: 'row' }, parts.join('')));
  });
  const desc =
    `${rows.length} critical asset${rows.length === 1 ? '' : 's'} by the five security domains: ` +
    `${counts.covered} covered, ${counts.missing} missing, ${counts['not-required']} not required.`;
  return svgDocument(width, rowsY + rows.length * row + pad, title, desc, body);
}

// ---------------------------------------------------------------------------------------------
// Risk matrix: likelihood 5 at the top, consequence 1..5 left to right.

const RM = { pad: 12, axis: 40, cellW: 80, cellH: 56 };

function checkScale(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new RangeError(`riskMatrixSvg: ${what} ${n} is not 1..5`);
}

export function riskMatrixSvg(cells: RiskMatrixCell[]): string {
  const { pad, axis, cellW, cellH } = RM;
  const plotX = pad + axis;
  const plotY = pad;
  const plotW = cellW * 5;
  const plotH = cellH * 5;
  const byKey = mergeRiskCells(cells);
  const totals: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, extreme: 0 };
  const body: string[] = [];
  for (let l = 5; l >= 1; l--) {
    for (let c = 1; c <= 5; c++) {
      const cell = byKey.get(`${l}/${c}`);
      if (cell) totals[cell.level] += cell.count;
      body.push(riskMatrixCellSvg(l, c, plotX + (c - 1) * cellW, plotY + (5 - l) * cellH, cell));
    }
  }
  body.push(...riskMatrixAxes(plotX, plotY));
  const legendY = plotY + plotH + 48;
  body.push(...riskMatrixLegend(plotX, legendY));
  const total = RISK_LEVELS.reduce((s, k) => s + totals[k], 0);
  const desc =
    'Risks by likelihood (1 to 5, 5 at the top) and consequence (1 to 5, left to right); each cell shows ' +
    `its count and level initial. ${formatNumber(total)} in all: ` +
    RISK_LEVELS.map((k) => `${formatNumber(totals[k])} ${k}`).join(', ') +
    '.';
  return svgDocument(plotX + plotW + pad, legendY + 18 + pad, 'Risk matrix', desc, body);
}

/** The cells checked and keyed `likelihood/consequence`. */
function mergeRiskCells(cells: RiskMatrixCell[]): Map<string, { count: number; level: RiskLevel }> {
  // Repeated coordinates add up and keep the higher level, so no risk is dropped.
  const byKey = new Map<string, { count: number; level: RiskLevel }>();
  for (const c of cells) {
    checkScale('likelihood', c.likelihood);
    checkScale('consequence', c.consequence);
    if (!Number.isFinite(c.count) || c.count < 0) throw new RangeError(`riskMatrixSvg: count ${c.count}`);
    if (!RISK_LEVELS.includes(c.level)) throw new RangeError(`riskMatrixSvg: level "${c.level}"`);
    const key = `${c.likelihood}/${c.consequence}`;
    const prev = byKey.get(key);
    const level =
      prev && RISK_LEVELS.indexOf(prev.level) > RISK_LEVELS.indexOf(c.level) ? prev.level : c.level;
    byKey.set(key, { count: (prev?.count ?? 0) + c.count, level });
  }
  return byKey;
}

/** One cell at (x, y): its count, and its level as fill colour and initial. */
function riskMatrixCellSvg(
  l: number,
  c: number,
  x: number,
  y: number,
  cell: { count: number; level: RiskLevel } | undefined,
): string {
  const { cellW, cellH } = RM;
  const count = cell?.count ?? 0;
  const what = cell ? `${formatNumber(count)}, ${cell.level}` : '0';
  const parts = [
    titleOf(`Likelihood ${l}, consequence ${c}: ${what}`),
    tag('rect', {
      x,
      y,
      width: cellW,
      height: cellH,
      fill: cell ? LEVEL_COLOURS[cell.level] : '#FFFFFF',
      stroke: '#333333',
    }),
    text(x + cellW / 2, y + cellH / 2 + 7, formatNumber(count, 2), {
      class: 'count',
      'text-anchor': 'middle',
      'font-size': 20,
      'font-weight': 'bold',
    }),
  ];
  if (cell) parts.push(text(x + 6, y + 15, cell.level[0].toUpperCase(), { class: 'level', 'font-size': 11 }));
  return tag('g', { class: 'cell', 'data-likelihood': l, 'data-consequence': c }, parts.join(''));
}

/** Tick numbers on both axes, then the axis titles. */
function riskMatrixAxes(plotX: number, plotY: number): string[] {
  const { pad, cellW, cellH } = RM;
  const plotW = cellW * 5;
  const plotH = cellH * 5;
  const out: string[] = [];
  for (let i = 1; i <= 5; i++) {
    const yTick = plotY + (5 - i) * cellH + cellH / 2 + 4;
    out.push(text(plotX - 8, yTick, String(i), { 'text-anchor': 'end' }));
    out.push(
      text(plotX + (i - 1) * cellW + cellW / 2, plotY + plotH + 16, String(i), { 'text-anchor': 'middle' }),
    );
  }
  const midY = plotY + plotH / 2;
  const axisStyle = { 'text-anchor': 'middle', 'font-weight': 'bold' };
  out.push(
    text(pad + 10, midY, 'Likelihood', { ...axisStyle, transform: `rotate(-90 ${pad + 10} ${midY})` }),
  );
  out.push(text(plotX + plotW / 2, plotY + plotH + 34, 'Consequence', axisStyle));
  return out;
}

/** A swatch, initial and title per risk level, in a row below the matrix. */
function riskMatrixLegend(plotX: number, legendY: number): string[] {
  const plotW = RM.cellW * 5;
  return RISK_LEVELS.map((level, i) => {
    const x = plotX + i * (plotW / 4);
    return tag(
      'g',
      { class: 'legend' },
      [
        tag('rect', {
          x,
          y: legendY,
          width: 20,
          height: 18,
          fill: LEVEL_COLOURS[level],
          stroke: '#333333',
        }),
        text(x + 10, legendY + 13, level[0].toUpperCase(), { 'text-anchor': 'middle', 'font-size': 11 }),
        text(x + 26, legendY + 13, LEVEL_TITLES[level]),
      ].join(''),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Horizontal bar chart.

const BC = { pad: 12, label: 200, plot: 320, value: 150, row: 26, bar: 16, axis: 22, font: 12 };

/** A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about four intervals. */
function tickStep(max: number): number {
  if (Number.isInteger(max) && max <= 10) return 1;
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * mag;
}

export function barChartSvg(title: string, bars: Bar[], opts: BarChartOptions = {}): string {
  const { pad, label, plot, value, row, bar, axis, font } = BC;
  const width = pad * 2 + label + plot + value;
  if (bars.length === 0) {
    const body = [text(pad, pad + 20, 'No data to show.', { fill: GREY_TEXT })];
    return svgDocument(width, pad * 2 + 28, title, 'The chart has no data.', body);
  }
  for (const b of bars) {
    if (!Number.isFinite(b.value)) throw new RangeError(`barChartSvg: "${b.label}" has value ${b.value}`);
  }
  const largest = Math.max(...bars.map((b) => b.value));
  const given = opts.max !== undefined && Number.isFinite(opts.max) && opts.max > 0 ? opts.max : undefined;
  const step = tickStep(given ?? (largest > 0 ? largest : 1));
  // Without a given maximum the scale ends on the first round tick at or above the largest bar.
  const max = given ?? Math.max(1, Math.ceil(largest / step - 1e-9)) * step;
  const unit = opts.unit ? (opts.unit === '%' ? '%' : ` ${opts.unit}`) : '';
  const plotX = pad + label;
  const plotBottom = pad + bars.length * row;
  const body: string[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) {
    const t = i * step;
    const x = plotX + (t / max) * plot;
    body.push(tag('line', { x1: x, y1: pad, x2: x, y2: plotBottom, stroke: '#DDDDDD' }));
    body.push(text(x, plotBottom + 16, formatNumber(t, 2), { 'text-anchor': 'middle', fill: GREY_TEXT }));
  }
  body.push(tag('line', { x1: plotX, y1: pad, x2: plotX, y2: plotBottom, stroke: '#333333' }));
  const maxLabel = charsIn(label - 10, font);
  const valueText = (b: Bar) => `${formatNumber(b.value, 2)}${unit}`;
  bars.forEach((b, i) => {
    const y = pad + i * row;
    const w = (Math.min(Math.max(b.value, 0), max) / max) * plot;
    const shown = valueText(b);
    const parts = [
      titleOf(`${b.label}: ${shown}${b.note ? ` (${b.note})` : ''}`),
      text(plotX - 8, y + row / 2 + 4, truncate(b.label, maxLabel), { class: 'label', 'text-anchor': 'end' }),
      tag('rect', { class: 'bar', x: plotX, y: y + (row - bar) / 2, width: w, height: bar, fill: BLUE }),
      text(plotX + w + 6, y + row / 2 + 4, shown, { class: 'value', 'font-weight': 'bold' }),
    ];
    if (b.note) {
      // The note gets what the value leaves of the column, plus the room an overlong bar left.
      const room = value + (plot - w) - 12 - Array.from(shown).length * font * CHAR_EM;
      const chars = charsIn(room, 11);
      if (chars >= 4) {
        const nx = plotX + w + 12 + Array.from(shown).length * font * CHAR_EM;
        parts.push(
          text(nx, y + row / 2 + 4, truncate(b.note, chars), {
            class: 'note',
            'font-size': 11,
            fill: GREY_TEXT,
          }),
        );
      }
    }
    body.push(tag('g', { class: 'bar-row' }, parts.join('')));
  });
  const desc = `${bars.length} bar${bars.length === 1 ? '' : 's'}, scale 0 to ${formatNumber(max, 2)}${unit}: ${bars
    .map((b) => `${b.label} ${valueText(b)}${b.note ? ` (${b.note})` : ''}`)
    .join('; ')}.`;
  return svgDocument(width, plotBottom + axis + pad, title, desc, body);
}
