import { AttackGraphData, AttackGraphDelta, AttackVector } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { readDelta } from './attack-graph-delta';
import { strs, toControl, toNode, toRisk, toThreat } from './attack-graph-rows';

/** A node carrying a classification, and the levels that rank it (its organisation's, if declared). */
export interface ClassifiedNode {
  id: string;
  name: string;
  labels: string[];
  classification: string;
  levels?: string[];
}

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
        const nodes = (await tx.run(Q.analyticsNodes)).map(toNode);
        const steps = (await tx.run(Q.analyticsAttackSteps)).flatMap((r) => {
          const from = String(r.from);
          const vector = r.vector as AttackVector;
          return strs(r.tos).map((to) => ({ from, to, vector }));
        });
        const controls = (await tx.run(Q.analyticsControls)).map(toControl);
        const threats = (await tx.run(Q.analyticsThreats)).map(toThreat);
        const dependsOn = (await tx.run(Q.analyticsDependsOn)).map((r) => ({
          from: String(r.from),
          to: String(r.to),
        }));
        const risks = (await tx.run(Q.analyticsRisks)).map(toRisk);
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

  /**
   * What changed since `version`, from the change log every write keeps (issue 21): the touched
   * entities' records as now stored, or `full` when the log cannot bridge the gap (a bulk write,
   * a version no longer logged, more than `maxIds` entities).
   */
  attackGraphDelta(version: number, maxIds: number): Promise<AttackGraphDelta> {
    return this.executor.readTransaction((tx) => readDelta(tx, version, maxIds), Q.graphChangesSince);
  }
}
