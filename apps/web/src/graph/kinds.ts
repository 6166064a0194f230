/**
 * What a graph node is, from its labels (most specific first), with its shape and legend text.
 * Shapes differ per kind so that kind never rests on colour alone.
 */
export const KINDS = [
  { kind: 'Threat', shape: 'triangle', title: 'Threat' },
  { kind: 'Control', shape: 'hexagon', title: 'Control' },
  { kind: 'Person', shape: 'ellipse', title: 'Person' },
  { kind: 'Facility', shape: 'round-rectangle', title: 'Facility' },
  { kind: 'System', shape: 'rectangle', title: 'System' },
  { kind: 'Information', shape: 'diamond', title: 'Information' },
  { kind: 'ServiceProvider', shape: 'tag', title: 'Service provider' },
  { kind: 'OrgUnit', shape: 'round-octagon', title: 'Org unit' },
  { kind: 'Risk', shape: 'star', title: 'Risk' },
  { kind: 'Asset', shape: 'barrel', title: 'Other asset' },
] as const;

export type NodeKind = (typeof KINDS)[number]['kind'] | 'Other';

export function kindOf(labels: readonly string[] | null | undefined): NodeKind {
  const ls = labels ?? [];
  return KINDS.find((k) => ls.includes(k.kind))?.kind ?? 'Other';
}
