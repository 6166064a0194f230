import type { ElementDefinition } from 'cytoscape';
import { kindOf } from './kinds';
import { NEUTRAL, domainColor, domainTags } from './palette';
import { RESTRICTED_STYLE, restrictedLabel } from './restricted';

/** What every view knows of a node: enough to draw and label it. */
export interface NodeLike {
  id: string;
  name: string;
  labels?: readonly string[] | null;
  label?: string | null;
  classification?: string | null;
  criticality?: number | null;
  domains?: readonly string[] | null;
  status?: string | null;
  /** Above the user's clearance: drawn grey with its kind only (restricted.ts). */
  restricted?: boolean | null;
}

export interface StepLike {
  from?: string | null;
  to: string;
  vector: string;
  controls: readonly { id: string; name: string; effectiveness: number; domains: readonly string[] }[];
}

export interface PathLike {
  probability: number;
  nodes: readonly NodeLike[];
  steps: readonly StepLike[];
}

const labelsOf = (n: NodeLike) => (n.labels?.length ? n.labels : n.label ? [n.label] : []);

/**
 * Name, then the classification badge, then the domain tags of a control: never colour alone.
 * A restricted node: "restricted (Facility)", nothing more.
 */
export function displayLabel(n: NodeLike): string {
  if (n.restricted) return restrictedLabel(n);
  const lines = [n.name];
  if (n.classification) lines.push(`[${n.classification}]`);
  const tags = domainTags(n.domains);
  if (tags) lines.push(tags);
  if (n.status && n.status !== 'implemented') lines.push(`(${n.status})`);
  return lines.join('\n');
}

/**
 * One node element; size grows with criticality (20 to 44 px). A restricted node is grey, of class
 * `restricted` and data `restricted: true` (styled by `node[?restricted]`), never `classified`.
 */
export function nodeElement(n: NodeLike, classes: string[] = [], size?: number): ElementDefinition {
  const kind = kindOf(labelsOf(n));
  const restricted = Boolean(n.restricted);
  const color = restricted
    ? RESTRICTED_STYLE.color
    : kind === 'Control'
      ? domainColor(n.domains)
      : kind === 'Threat'
        ? NEUTRAL.threat
        : NEUTRAL.node;
  return {
    group: 'nodes',
    data: {
      id: n.id,
      name: n.name,
      kind,
      label: displayLabel(n),
      color,
      size: size ?? 20 + 6 * ((n.criticality ?? 1) - 1),
      criticality: n.criticality ?? null,
      classification: restricted ? null : (n.classification ?? null),
      restricted,
    },
    classes: [...classes, ...(restricted ? ['restricted'] : n.classification ? ['classified'] : [])].join(
      ' ',
    ),
  };
}

export function edgeElement(
  source: string,
  target: string,
  label: string,
  classes: string[] = [],
): ElementDefinition {
  return {
    group: 'edges',
    data: { id: `${source}>${target}:${label}`, source, target, label },
    classes: classes.join(' '),
  };
}

export interface PathEmphasis {
  /** Single points of failure (order-1 units) and common-mode units: highlighted. */
  spof: ReadonlySet<string>;
  /** Common-mode cut sets: the unit and the controls it takes out, drawn as dashed links. */
  commonMode: readonly { unit: NodeLike; controls: readonly string[] }[];
}

/**
 * The top paths as one graph: the threat, every node once, one edge per distinct step labelled
 * with its vector and the controls passed (effectiveness in %). The best path's edges are bold;
 * a step passing a single point of failure is highlighted.
 */
export function pathElements(
  threat: NodeLike,
  paths: readonly PathLike[],
  emphasis: PathEmphasis = { spof: new Set(), commonMode: [] },
): ElementDefinition[] {
  const nodes = new Map<string, ElementDefinition>();
  const edges = new Map<string, ElementDefinition>();
  nodes.set(threat.id, nodeElement({ ...threat, labels: ['Threat'] }));
  const target = paths[0]?.nodes[paths[0].nodes.length - 1]?.id;
  paths.forEach((p, i) => {
    for (const n of p.nodes) {
      if (!nodes.has(n.id)) {
        const classes = [n.id === target ? 'target' : '', emphasis.spof.has(n.id) ? 'spof' : ''];
        nodes.set(n.id, nodeElement(n, classes.filter(Boolean)));
      }
    }
    for (const s of p.steps) {
      const source = s.from ?? threat.id;
      const key = `${source}>${s.to}:${s.vector}`;
      const spof = s.controls.some((c) => emphasis.spof.has(c.id));
      const label = stepLabel(s);
      const existing = edges.get(key);
      if (existing) {
        if (i === 0) existing.classes = `${existing.classes ?? ''} best`.trim();
        continue;
      }
      const classes = [i === 0 ? 'best' : '', spof ? 'spof' : ''].filter(Boolean);
      edges.set(key, {
        group: 'edges',
        data: {
          id: key,
          source,
          target: s.to,
          label,
          vector: s.vector,
          controls: s.controls.map((c) => c.id),
        },
        classes: classes.join(' '),
      });
    }
  });
  // A common-mode unit (one identity provider behind several controls) is linked to every step
  // whose controls it takes out.
  for (const cm of emphasis.commonMode) {
    const hit = [...edges.values()].filter((e) =>
      (e.data.controls as string[]).some((c) => cm.controls.includes(c)),
    );
    if (!hit.length) continue;
    if (!nodes.has(cm.unit.id)) nodes.set(cm.unit.id, nodeElement(cm.unit, ['common-mode']));
    for (const e of hit) {
      const to = e.data.target as string;
      const id = `${cm.unit.id}~${to}`;
      if (!edges.has(id)) {
        edges.set(id, {
          group: 'edges',
          data: { id, source: cm.unit.id, target: to, label: 'takes out' },
          classes: 'depends',
        });
      }
    }
  }
  return [...nodes.values(), ...edges.values()];
}

/** A step's label: its vector, then each control passed with its effectiveness (names cut short). */
export function stepLabel(s: StepLike): string {
  const short = (name: string) => (name.length > 22 ? `${name.slice(0, 21)}…` : name);
  return [s.vector, ...s.controls.map((c) => `${short(c.name)} ${Math.round(c.effectiveness * 100)}%`)].join(
    '\n',
  );
}

export interface ReachNodeLike extends NodeLike {
  hops: number;
  probability: number;
  path: readonly string[];
}

/**
 * Blast radius as a tree: the starts and every node reached, each joined to the node before it
 * on its path. Size and colour grow with impact (criticality x probability); a restricted node
 * keeps its size (its numbers still count) and stays grey.
 */
export function reachElements(
  starts: readonly NodeLike[],
  reached: readonly ReachNodeLike[],
): ElementDefinition[] {
  const out: ElementDefinition[] = starts.map((s) => ({
    ...nodeElement(s, ['target']),
    data: { ...nodeElement(s).data, hops: 0, impact: 0 },
  }));
  for (const r of reached) {
    const impact = (r.criticality ?? 1) * r.probability;
    const el = nodeElement(r, [], 16 + 8 * impact);
    const color = r.restricted ? el.data.color : impactColor(impact);
    out.push({ ...el, data: { ...el.data, hops: r.hops, impact, color } });
    const prev = r.path[r.path.length - 2];
    if (prev) out.push(edgeElement(prev, r.id, '', ['structure']));
  }
  return out;
}

/** Light to dark with impact 0-5 (one hue: readable without telling colours apart). */
export function impactColor(impact: number): string {
  const steps = ['#FDE8D7', '#FBC49A', '#F59E5B', '#E2711D', '#B4520E', '#7A3306'];
  return steps[Math.max(0, Math.min(5, Math.round(impact)))];
}
