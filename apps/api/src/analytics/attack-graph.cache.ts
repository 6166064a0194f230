import { Injectable } from '@nestjs/common';
import { AttackGraph } from '@rampart/analytics';
import { AnalyticsRepository } from '@rampart/graph';

/**
 * The attack graph in memory, rebuilt when the graph version moves (every import, edit and
 * delete moves it, also from another process such as the CLI). One load at a time.
 */
@Injectable()
export class AttackGraphCache {
  private current?: { version: number; graph: AttackGraph };
  private loading?: Promise<{ version: number; graph: AttackGraph }>;

  constructor(private readonly repo: AnalyticsRepository) {}

  async get(): Promise<AttackGraph> {
    const version = await this.repo.graphVersion();
    if (this.current?.version === version) return this.current.graph;
    this.loading ??= this.repo
      .attackGraphData()
      .then((data) => ({ version: data.version, graph: new AttackGraph(data) }))
      .finally(() => (this.loading = undefined));
    this.current = await this.loading;
    return this.current.graph;
  }
}
