import { AttackGraph } from '@rampart/analytics';
import { AnalyticsRepository } from '@rampart/graph';

interface Loaded {
  version: number;
  graph: AttackGraph;
  /** This process's write count and the time when the version was last confirmed. */
  writes: number;
  checkedAt: number;
}

/**
 * The attack graph in memory, rebuilt when the graph version moves (every import, edit and
 * delete moves it, also from another process such as the CLI). One load at a time. The version
 * costs a round trip to Neo4j, so it is asked again only after this process wrote or after
 * `recheckMs`: an analyst's clicks then cost the computation alone.
 */
export class AttackGraphCache {
  private current?: Loaded;
  private loading?: Promise<{ version: number; graph: AttackGraph }>;

  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly recheckMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<AttackGraph> {
    const writes = this.repo.writesByThisProcess();
    const c = this.current;
    if (c && c.writes === writes && this.now() - c.checkedAt < this.recheckMs) return c.graph;
    const checkedAt = this.now();
    const version = await this.repo.graphVersion();
    if (c?.version === version) {
      this.current = { ...c, writes, checkedAt };
      return c.graph;
    }
    this.loading ??= this.repo
      .attackGraphData()
      .then((data) => ({ version: data.version, graph: new AttackGraph(data) }))
      .finally(() => (this.loading = undefined));
    const loaded = await this.loading;
    this.current = { ...loaded, writes, checkedAt };
    return loaded.graph;
  }
}
