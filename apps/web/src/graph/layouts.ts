import type { ElementDefinition, LayoutOptions } from 'cytoscape';

const GAP_X = 220;
const GAP_Y = 120;

/**
 * Attack paths left to right: the threat in column 0, each node in the column of its first
 * appearance (its hop on the best path that contains it), paths stacked top to bottom in rank
 * order. Anything else drawn (a common-mode dependency) goes in column 0 below the threat.
 */
export function layeredPositions(
  threatId: string,
  paths: readonly { nodes: readonly { id: string }[] }[],
): Record<string, { x: number; y: number }> {
  const positions: Record<string, { x: number; y: number }> = {};
  const rows = new Map<number, number>();
  paths.forEach((p, row) => {
    p.nodes.forEach((n, hop) => {
      if (positions[n.id]) return;
      const col = hop + 1;
      const y = Math.max(row, (rows.get(col) ?? -1) + 1);
      rows.set(col, y);
      positions[n.id] = { x: col * GAP_X, y: y * GAP_Y };
    });
  });
  positions[threatId] = { x: 0, y: ((rows.get(1) ?? 0) * GAP_Y) / 2 };
  return positions;
}

/** A preset layout on layeredPositions: the same paths always land in the same places. */
export function layeredLayout(
  threatId: string,
  paths: readonly { nodes: readonly { id: string }[] }[],
): LayoutOptions {
  const positions = layeredPositions(threatId, paths);
  const below = { x: 0, y: Math.max(0, ...Object.values(positions).map((p) => p.y)) + GAP_Y };
  return {
    name: 'preset',
    positions: (node: { id: () => string }) => positions[node.id()] ?? below,
    fit: true,
    padding: 40,
    animate: false,
  } as LayoutOptions;
}

/**
 * Blast radius: rings by hop, the starts in the middle, the most impacted first inside each ring.
 * Concentric values: 100 per hop, plus an impact bonus below 50. Inside a hop they differ by 49 at
 * most, across hops by 51 at least, so a level width of 50 makes each hop exactly one ring.
 */
export function ringLayout(): LayoutOptions {
  return {
    name: 'concentric',
    concentric: (n: { data: (k: string) => number | undefined }) =>
      (20 - (n.data('hops') ?? 0)) * 100 + Math.min(49, 10 * (n.data('impact') ?? 0)),
    levelWidth: () => 50,
    // Room between nodes keeps neighbouring labels apart.
    minNodeSpacing: 28,
    animate: false,
    fit: true,
    padding: 30,
  } as LayoutOptions;
}

/**
 * The explorer's layout: force-directed while it is quick, concentric by degree beyond (a force
 * layout of thousands of elements would take longer than the 3 s budget).
 */
export function explorerLayout(elements: readonly ElementDefinition[]): LayoutOptions {
  const nodes = elements.filter((e) => e.group === 'nodes').length;
  if (nodes <= 300) {
    return {
      name: 'cose',
      animate: false,
      fit: true,
      padding: 30,
      randomize: false,
      nodeRepulsion: () => 8000,
    } as LayoutOptions;
  }
  return { name: 'concentric', animate: false, fit: true, padding: 20, minNodeSpacing: 4 } as LayoutOptions;
}

/**
 * Convergence: the asset in the centre and the five domain sectors on a circle around it,
 * each sector's controls fanned out beyond it. Returns preset positions by element id.
 */
export function sectorLayout(
  assetId: string,
  sectors: readonly { id: string; controls: readonly string[] }[],
): LayoutOptions & { positions: Record<string, { x: number; y: number }> } {
  const positions: Record<string, { x: number; y: number }> = { [assetId]: { x: 0, y: 0 } };
  sectors.forEach((s, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / sectors.length;
    positions[s.id] = { x: 200 * Math.cos(angle), y: 200 * Math.sin(angle) };
    s.controls.forEach((c, j) => {
      const spread = (j - (s.controls.length - 1) / 2) * 0.22;
      positions[c] = { x: 360 * Math.cos(angle + spread), y: 360 * Math.sin(angle + spread) };
    });
  });
  return { name: 'preset', positions, fit: true, padding: 40, animate: false };
}
