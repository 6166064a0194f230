import { GraphSnapshot } from '@rampart/graph';
import { edgeId } from './cytoscape-export';

/**
 * Characters XML 1.0 cannot hold at all, not even as references (imports refuse them; a graph
 * written before that rule, or by hand, may still carry some): replaced by U+FFFD.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const escape = (s: string) =>
  s
    .replace(NOT_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

type Kind = 'string' | 'double' | 'boolean';
const kindOf = (v: unknown): Kind =>
  typeof v === 'number' ? 'double' : typeof v === 'boolean' ? 'boolean' : 'string';
const text = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/** GraphML (yEd, Gephi, networkx): one key per property name; lists are written as JSON text. */
export function toGraphml(snapshot: GraphSnapshot): string {
  const ids = new Set(snapshot.entities.map((e) => String(e.props.id)));
  const edges = snapshot.relationships.filter((r) => ids.has(r.from) && ids.has(r.to));
  const nodeKeys = collectKeys(snapshot.entities.map((e) => ({ labels: e.labels.join(':'), ...e.props })));
  const edgeKeys = collectKeys(edges.map((r) => ({ type: r.type, ...r.props })));
  const keyLines = [
    ...[...nodeKeys].map(
      ([name, kind]) =>
        `  <key id="n_${escape(name)}" for="node" attr.name="${escape(name)}" attr.type="${kind}"/>`,
    ),
    ...[...edgeKeys].map(
      ([name, kind]) =>
        `  <key id="e_${escape(name)}" for="edge" attr.name="${escape(name)}" attr.type="${kind}"/>`,
    ),
  ];
  const data = (prefix: string, m: Record<string, unknown>) =>
    Object.entries(m)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `      <data key="${prefix}_${escape(k)}">${escape(text(v))}</data>`)
      .join('\n');
  const nodes = snapshot.entities.map(
    (e) =>
      `    <node id="${escape(String(e.props.id))}">\n${data('n', { labels: e.labels.join(':'), ...e.props })}\n    </node>`,
  );
  const edgeLines = edges.map(
    (r) =>
      `    <edge id="${escape(edgeId(r.type, r.from, r.to, r.props.key))}" source="${escape(r.from)}" target="${escape(r.to)}">\n${data('e', { type: r.type, ...r.props })}\n    </edge>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...keyLines,
    '  <graph id="rampart" edgedefault="directed">',
    ...nodes,
    ...edgeLines,
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

function collectKeys(items: Record<string, unknown>[]): Map<string, Kind> {
  const keys = new Map<string, Kind>();
  for (const item of items) {
    for (const [k, v] of Object.entries(item)) {
      if (v === null || v === undefined) continue;
      const kind = kindOf(v);
      const seen = keys.get(k);
      keys.set(k, seen && seen !== kind ? 'string' : kind);
    }
  }
  return new Map([...keys].sort(([a], [b]) => a.localeCompare(b)));
}
