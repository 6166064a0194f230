import type { ElementDefinition } from 'cytoscape';
import { edgeElement, nodeElement, type NodeLike } from './elements';
import { kindOf } from './kinds';

export interface Neighbourhood {
  entity: NodeLike;
  relationships: readonly { type: string; direction: string; node: NodeLike }[];
}

export interface ExplorerFilter {
  /** Kinds shown (empty: all). */
  kinds: readonly string[];
  /** Controls shown only with one of these domains (empty: all). */
  domains: readonly string[];
  /** Controls shown only with one of these statuses (empty: all). */
  statuses: readonly string[];
}

/** The explored graph: every loaded entity once, relationships as edges from their source. */
export function mergeNeighbourhoods(loaded: readonly Neighbourhood[]): {
  nodes: Map<string, NodeLike>;
  edges: Map<string, { source: string; target: string; type: string }>;
} {
  const nodes = new Map<string, NodeLike>();
  const edges = new Map<string, { source: string; target: string; type: string }>();
  for (const n of loaded) {
    nodes.set(n.entity.id, { ...nodes.get(n.entity.id), ...n.entity });
    for (const r of n.relationships) {
      if (!nodes.has(r.node.id)) nodes.set(r.node.id, r.node);
      const [source, target] = r.direction === 'OUT' ? [n.entity.id, r.node.id] : [r.node.id, n.entity.id];
      edges.set(`${source}>${target}:${r.type}`, { source, target, type: r.type });
    }
  }
  return { nodes, edges };
}

const passes = (n: NodeLike, f: ExplorerFilter) => {
  const kind = kindOf(n.labels);
  if (f.kinds.length && !f.kinds.includes(kind)) return false;
  if (kind !== 'Control') return true;
  if (f.domains.length && !(n.domains ?? []).some((d) => f.domains.includes(d))) return false;
  return !f.statuses.length || f.statuses.includes(n.status ?? '');
};

/** Cytoscape elements of the explored graph after the filters; edges only between shown nodes. */
export function explorerElements(
  graph: ReturnType<typeof mergeNeighbourhoods>,
  filter: ExplorerFilter,
  focus?: string,
): ElementDefinition[] {
  const shown = [...graph.nodes.values()].filter((n) => n.id === focus || passes(n, filter));
  const ids = new Set(shown.map((n) => n.id));
  return [
    ...shown.map((n) => nodeElement(n, n.id === focus ? ['target'] : [])),
    ...[...graph.edges.values()]
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => edgeElement(e.source, e.target, e.type)),
  ];
}
