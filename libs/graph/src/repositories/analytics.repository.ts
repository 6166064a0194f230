import { AttackGraphData, AttackVector, ControlData, ThreatData } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

type Props = Record<string, unknown>;
/** A node carrying a classification, and the levels that rank it (its organisation's, if declared). */
export interface ClassifiedNode {
  id: string;
  name: string;
  labels: string[];
  classification: string;
  levels?: string[];
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Reads what the analytics compute on, in one read transaction (a consistent snapshot). */
export class AnalyticsRepository {
  constructor(
    private readonly executor: QueryExecutor,
    /** Loading a large organisation's attack graph takes longer than a request's query. */
    private readonly loadTimeoutMs?: number,
  ) {}

  /** The counter every write moves (0 before the first). */
  async graphVersion(): Promise<number> {
    const [row] = await this.executor.executeRead(Q.graphVersionGet);
    return (row?.version as number | undefined) ?? 0;
  }

  /** Writes committed by this process so far: when unchanged, only other processes can have written. */
  writesByThisProcess(): number {
    return this.executor.writesCommitted;
  }

  /** Every classified node with its organisation's levels, as of one graph version (for redaction). */
  classifiedNodes(): Promise<{ version: number; nodes: ClassifiedNode[] }> {
    return this.executor.readTransaction(async (tx) => {
      const [version] = await tx.run(Q.graphVersionGet);
      const nodes = (await tx.run(Q.redactionClassifiedNodes)).map((r) => ({
        id: String(r.id),
        name: String(r.name),
        labels: strs(r.labels),
        classification: String(r.classification),
        levels: Array.isArray(r.levels) ? strs(r.levels) : undefined,
      }));
      return { version: (version?.version as number | undefined) ?? 0, nodes };
    });
  }

  attackGraphData(): Promise<AttackGraphData & { version: number }> {
    return this.executor.readTransaction(
      async (tx) => {
        const [version] = await tx.run(Q.graphVersionGet);
        const nodes = (await tx.run(Q.analyticsNodes)).map((r) => ({
          id: String(r.id),
          name: String(r.name),
          labels: strs(r.labels),
          organizationId: str(r.organizationId),
          classification: str(r.classification),
          criticality: num(r.criticality),
        }));
        const steps = (await tx.run(Q.analyticsAttackSteps)).flatMap((r) => {
          const from = String(r.from);
          const vector = r.vector as AttackVector;
          return strs(r.tos).map((to) => ({ from, to, vector }));
        });
        const controls = (await tx.run(Q.analyticsControls)).map((r) =>
          toControl(r.control as Props, strs(r.protects), strs(r.dependsOn)),
        );
        const threats = (await tx.run(Q.analyticsThreats)).map((r) =>
          toThreat(r.threat as Props, strs(r.startsAt), strs(r.targets)),
        );
        const dependsOn = (await tx.run(Q.analyticsDependsOn)).map((r) => ({
          from: String(r.from),
          to: String(r.to),
        }));
        const risks = (await tx.run(Q.analyticsRisks)).map((r) => {
          const p = r.risk as Props;
          return {
            id: String(p.id),
            threatId: String(r.threatId),
            assetId: String(r.assetId),
            likelihood: num(p.likelihood),
            consequence: num(p.consequence),
            treatment: str(p.treatment),
            reviewedAt: str(p.reviewedAt),
            organizationId: str(p.organizationId),
          };
        });
        const owned = (await tx.run(Q.analyticsOwned)).map((r) => String(r.id));
        return {
          risks,
          owned,
          version: (version?.version as number | undefined) ?? 0,
          nodes,
          steps,
          controls,
          threats,
          dependsOn,
        };
      },
      Q.analyticsAttackSteps,
      this.loadTimeoutMs,
    );
  }
}

function toControl(p: Props, protects: string[], dependsOn: string[]): ControlData {
  return {
    id: String(p.id),
    name: String(p.name ?? p.id),
    domains: strs(p.domains),
    functions: strs(p.functions),
    effectiveness: num(p.effectiveness) ?? 0,
    status: String(p.status ?? 'planned'),
    vectors: Array.isArray(p.vectors) ? strs(p.vectors) : undefined,
    protects,
    dependsOn,
    detectionProbability: num(p.detectionProbability),
    delaySeconds: num(p.delaySeconds),
    delayStdDevSeconds: num(p.delayStdDevSeconds),
    detectionPoint: str(p.detectionPoint),
    lastTestedAt: str(p.lastTestedAt),
    organizationId: str(p.organizationId),
  };
}

function toThreat(p: Props, startsAt: string[], targets: string[]): ThreatData {
  return {
    id: String(p.id),
    name: String(p.name ?? p.id),
    kind: str(p.kind),
    capability: num(p.capability),
    intent: num(p.intent),
    startsAt,
    targets,
    organizationId: str(p.organizationId),
  };
}
