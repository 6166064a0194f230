import { QueryExecutor } from '../query-executor';
import { QueryRegistry } from '../query-registry';

/** A findings rule: one file in cypher/findings/, its header giving id, title, severity, clause. */
export interface FindingRule {
  id: string;
  title: string;
  severity: string;
  clause: string;
  query: `findings/${string}`;
}

export interface FindingRow {
  ruleId: string;
  organizationId: string;
  /** The flagged node first, then the nodes that explain it. */
  nodeIds: string[];
  message: string;
}

export interface FindingCount {
  ruleId: string;
  organizationId: string;
  count: number;
}

export interface FindingParams {
  organizationId: string | null;
  /** ISO date the date rules are evaluated at. */
  asOf: string;
  /** Per organisation: intervals, threshold, tolerance, classification levels, risk matrix. */
  settings: Record<string, unknown>;
}

/** Runs the findings rules: adding a file to cypher/findings adds a rule, nothing else to change. */
export class FindingsRepository {
  constructor(
    private readonly executor: QueryExecutor,
    private readonly registry: QueryRegistry,
  ) {}

  rules(): FindingRule[] {
    return this.registry
      .all()
      .filter((q) => q.name.startsWith('findings/'))
      .map((q) => {
        const { id, title, severity, clause } = q.header;
        if (!id || !title || !severity || !clause) {
          throw new Error(`${q.file}: a findings rule's header needs id, title, severity and clause`);
        }
        return { id, title, severity, clause, query: q.name as FindingRule['query'] };
      })
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  /** How many rows each given rule returns, per organisation (one read transaction). */
  count(rules: FindingRule[], params: FindingParams): Promise<FindingCount[]> {
    return this.executor.readTransaction(async (tx) => {
      const counts: FindingCount[] = [];
      for (const rule of rules) {
        for (const r of await tx.run(`findings-count/${rule.query.slice('findings/'.length)}`, {
          ...params,
        })) {
          counts.push({ ruleId: rule.id, organizationId: String(r.organizationId), count: Number(r.count) });
        }
      }
      return counts;
    }, 'findings-count');
  }

  /** Every given rule in one read transaction (one consistent snapshot). */
  run(rules: FindingRule[], params: FindingParams): Promise<FindingRow[]> {
    return this.executor.readTransaction(async (tx) => {
      const rows: FindingRow[] = [];
      for (const rule of rules) {
        for (const r of await tx.run(rule.query, { ...params })) {
          rows.push({
            ruleId: rule.id,
            organizationId: String(r.organizationId),
            nodeIds: (r.nodeIds as unknown[]).map(String),
            message: String(r.message),
          });
        }
      }
      return rows;
    }, 'findings');
  }
}
