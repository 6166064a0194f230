import { AttackNode } from '@rampart/domain';

const PRIMARY = [
  'Person',
  'Facility',
  'System',
  'Information',
  'ServiceProvider',
  'Threat',
  'Control',
  'Asset',
];

/** The label a node is shown with: its most specific one. */
export const primaryLabel = (labels: readonly string[]) =>
  PRIMARY.find((l) => labels.includes(l)) ?? labels[0] ?? 'Entity';

/** A node as analytics results show it. */
export interface NodeView {
  id: string;
  name: string;
  label: string;
  labels: string[];
  /** Above the user's clearance: a placeholder (see Redactor). */
  restricted: boolean;
  criticality?: number;
  classification?: string;
}

export function toNodeView(n: AttackNode): NodeView {
  return {
    id: n.id,
    name: n.name,
    label: primaryLabel(n.labels),
    labels: [...n.labels],
    restricted: false,
    criticality: n.criticality,
    classification: n.classification,
  };
}
