import { GraphSnapshot } from '@rampart/graph';

export interface CytoscapeElements {
  elements: {
    nodes: { data: Record<string, unknown> }[];
    edges: { data: Record<string, unknown> }[];
  };
}

/** Cytoscape.js element JSON: node data carries the primary label; edge ids are stable. */
export function toCytoscape(snapshot: GraphSnapshot): CytoscapeElements {
  const ids = new Set(snapshot.entities.map((e) => String(e.props.id)));
  return {
    elements: {
      nodes: snapshot.entities.map((e) => ({
        data: { ...e.props, id: String(e.props.id), label: primaryLabel(e.labels), labels: e.labels },
      })),
      edges: snapshot.relationships
        .filter((r) => ids.has(r.from) && ids.has(r.to))
        .map((r) => ({
          data: {
            ...r.props,
            id: edgeId(r.type, r.from, r.to, r.props.key),
            source: r.from,
            target: r.to,
            type: r.type,
          },
        })),
    },
  };
}

export const edgeId = (type: string, from: string, to: string, key: unknown) =>
  `${type}:${from}:${to}${key ? `:${String(key)}` : ''}`;

/** The most specific label: System over Asset. */
export const primaryLabel = (labels: readonly string[]) =>
  labels.find((l) => l !== 'Asset' && l !== 'Entity') ?? labels[0] ?? 'Entity';
