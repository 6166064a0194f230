import { AttackGraphData, AttackVector, ControlData, ThreatData } from '@rampart/domain';
import { AttackGraph } from '../attack-graph';

/** Small hand-made attack graphs for specs: ids prefixed by kind give the labels. */
export interface TinyGraph {
  nodes: Record<string, { criticality?: number; classification?: string }>;
  steps: [string, string, AttackVector][];
  controls?: (Partial<ControlData> & { id: string; protects: string[]; effectiveness: number })[];
  threats?: (Partial<ThreatData> & { id: string; startsAt: string[] })[];
  dependsOn?: [string, string][];
}

const LABELS: Record<string, string[]> = {
  fac: ['Facility', 'Asset'],
  sys: ['System', 'Asset'],
  inf: ['Information', 'Asset'],
  p: ['Person', 'Asset'],
  sp: ['ServiceProvider'],
  ast: ['Asset'],
};

export function tinyData(t: TinyGraph): AttackGraphData {
  return {
    nodes: Object.entries(t.nodes).map(([id, n]) => ({
      id,
      name: id,
      labels: LABELS[id.split('-')[0]] ?? ['Asset'],
      ...n,
    })),
    steps: t.steps.map(([from, to, vector]) => ({ from, to, vector })),
    controls: (t.controls ?? []).map((c) => ({
      name: c.id,
      domains: ['cyber'],
      functions: [],
      status: 'implemented',
      dependsOn: [],
      ...c,
    })),
    threats: (t.threats ?? []).map((th) => ({ name: th.id, targets: [], ...th })),
    dependsOn: [
      ...(t.dependsOn ?? []).map(([from, to]) => ({ from, to })),
      ...(t.controls ?? []).flatMap((c) => (c.dependsOn ?? []).map((to) => ({ from: c.id, to }))),
    ],
  };
}

export const tiny = (t: TinyGraph) => new AttackGraph(tinyData(t));
