/** The SVG building blocks the report charts share: escaping, numbers, elements, the document. */

/**
 * Escapes text for XML and HTML (content and quoted attributes alike) and drops the control
 * characters XML 1.0 forbids, which would otherwise make the whole SVG unparseable.
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/**
 * A number as text, independent of locale. Without maxDecimals only float noise goes
 * (0.1 + 0.2 -> "0.3"); with it the value is rounded, but a tiny non-zero never shows as 0.
 */
export function formatNumber(n: number, maxDecimals?: number): string {
  if (!Number.isFinite(n)) return String(n);
  const scale = 10 ** (maxDecimals ?? 0);
  let v = maxDecimals === undefined ? Number(n.toPrecision(12)) : Math.round(n * scale) / scale;
  if (v === 0 && n !== 0) v = Number(n.toPrecision(2));
  return String(Object.is(v, -0) ? 0 : v);
}

/** Cuts text to at most max characters (code points), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

export type Attrs = Record<string, string | number | undefined>;
export const coord = (n: number) => formatNumber(n, 2);

export function tag(name: string, attrs: Attrs, content?: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? coord(v) : escapeXml(v as string)}"`)
    .join('');
  return content === undefined ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}

export const text = (x: number, y: number, s: string, attrs: Attrs = {}) =>
  tag('text', { x, y, ...attrs }, escapeXml(s));
export const titleOf = (s: string) => tag('title', {}, escapeXml(s));

export function svgDocument(
  width: number,
  height: number,
  title: string,
  desc: string,
  body: string[],
): string {
  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${coord(width)} ${coord(height)}`,
    role: 'img',
    'font-family': 'sans-serif',
    'font-size': 12,
  };
  return tag('svg', root, [titleOf(title), tag('desc', {}, escapeXml(desc)), ...body].join(''));
}

/** Average glyph width of a sans-serif face, in ems: enough to size label columns. */
export const CHAR_EM = 0.6;
export const charsIn = (width: number, fontSize: number) => Math.floor(width / (fontSize * CHAR_EM));

/** A short id from the content: deterministic, yet two different charts inlined in one page do not clash. */
export function contentId(prefix: string, content: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < content.length; i++) h = Math.imul(h ^ content.charCodeAt(i), 0x01000193);
  return `${prefix}-${(h >>> 0).toString(36)}`;
}
