import { AttackGraphData, AttackGraphDelta, AttackStepEdge } from '@rampart/domain';
import { NamedTx } from '../query-executor';
import { Q } from '../query-names';
import { strs, toControl, toNode, toRisk, toThreat } from './attack-graph-rows';
import { touchedSince } from './graph-change';

type Row = Record<string, unknown>;

/**
 * The change log since `since` and the touched entities' records, in one read transaction. The
 * log must hold every version after `since` up to the current one, none of them bulk.
 */
export async function readDelta(tx: NamedTx, since: number, maxIds: number): Promise<AttackGraphDelta> {
  const [meta] = await tx.run(Q.graphVersionGet);
  const version = (meta?.version as number | undefined) ?? 0;
  const ids = await touchedSince(tx, since, version);
  if (!ids || ids.size > maxIds) return { full: true, version };
  const list = [...ids];
  return { full: false, version, ids: list, part: await readPart(tx, list) };
}

async function readPart(tx: NamedTx, ids: string[]): Promise<AttackGraphData> {
  const rows = (name: (typeof Q)[keyof typeof Q]) => tx.run(name, { ids });
  return {
    nodes: (await rows(Q.analyticsDeltaNodes)).map(toNode),
    steps: (await rows(Q.analyticsDeltaStepRelationships)).flatMap(stepOf),
    controls: (await rows(Q.analyticsDeltaControls)).map(toControl),
    threats: (await rows(Q.analyticsDeltaThreats)).map(toThreat),
    dependsOn: (await rows(Q.analyticsDeltaDependsOn)).map((r) => ({
      from: String(r.from),
      to: String(r.to),
    })),
    risks: (await rows(Q.analyticsDeltaRisks)).map(toRisk),
    owned: (await rows(Q.analyticsDeltaOwned)).map((r) => String(r.id)),
  };
}

/**
 * The attack step a relationship gives, by the rules of cypher/analytics/attack-steps.cypher
 * (docs/spec/analytics.md §2); a property test checks that patches and full loads agree.
 */
export function stepOf(r: Row): AttackStepEdge[] {
  const start = { id: String(r.from), labels: strs(r.fromLabels) };
  const end = { id: String(r.to), labels: strs(r.toLabels) };
  const is = (n: typeof start, label: string) => n.labels.includes(label);
  const step = (from: typeof start, to: typeof start, vector: AttackStepEdge['vector']) => [
    { from: from.id, to: to.id, vector },
  ];
  switch (r.type) {
    case 'HAS_ACCESS':
      return is(start, 'Person') ? step(start, end, r.mode === 'physical' ? 'physical' : 'access') : [];
    case 'STORED_ON':
      return is(start, 'Information') && is(end, 'System') ? step(end, start, 'logical') : [];
    case 'HOSTED_IN': {
      const hosted =
        is(start, 'Asset') &&
        (is(start, 'System') || !['Person', 'Facility', 'Information'].some((l) => is(start, l)));
      return hosted && is(end, 'Facility') ? step(end, start, 'physical') : [];
    }
    case 'LOCATED_IN':
      return is(start, 'Facility') && is(end, 'Facility') ? step(end, start, 'physical') : [];
    case 'CONNECTS_TO':
      return is(start, 'System') && is(end, 'System') ? step(start, end, 'network') : [];
    case 'DEPENDS_ON':
      return is(start, 'System') && is(end, 'System') ? step(end, start, 'dependency') : [];
    case 'MEMBER_OF':
      return is(start, 'Person') && is(end, 'ServiceProvider') ? step(end, start, 'supply-chain') : [];
    default:
      return [];
  }
}
