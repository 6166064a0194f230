import { Logger } from '@nestjs/common';
import {
  AttackGraph,
  GraphPatch,
  mergePatches,
  patchAttackGraph,
  patchGraphData,
  scopeGraphData,
  scopePatch,
} from '@rampart/analytics';
import { AttackGraphData, OrganizationScope } from '@rampart/domain';
import { AnalyticsRepository } from '@rampart/graph';
import { currentScope } from '@rampart/access';
import { graphVersionOf, seenGraphVersion } from '@rampart/graph';

/** Past this many entities touched since the graph in memory, a full load is quicker than a patch. */
const MAX_PATCHED_IDS = 5000;

/** The graph as an account limited to some organisations sees it (issue 18). */
interface Scoped {
  scope: OrganizationScope;
  graph: AttackGraph;
}

interface Built {
  version: number;
  /** The plain data of this version, built only when asked (a new scope's graph needs it). */
  data: VersionData;
  graph: AttackGraph;
  /** Scoped graphs of the version patched: patched with it (issue 21), not built again. */
  scoped?: Map<string, Scoped>;
}

/**
 * A version's plain data as the last data built and every edit since merged into one patch, built
 * when first asked. It refers to no earlier version: a chain of versions (each holding the one
 * before) would keep every graph since the last load, with its memos, in memory.
 */
class VersionData {
  private built?: AttackGraphData;

  constructor(
    private readonly base: AttackGraphData,
    private readonly patch?: GraphPatch,
  ) {}

  get(): AttackGraphData {
    return (this.built ??= this.patch ? patchGraphData(this.base, this.patch) : this.base);
  }

  /** The next version's, after `delta`: from this one's data if it was built. */
  next(delta: GraphPatch): VersionData {
    if (this.built) return new VersionData(this.built, delta);
    return new VersionData(this.base, this.patch ? mergePatches(this.patch, delta) : delta);
  }
}

interface Loaded extends Built {
  /** This process's write count and the time when the version was last confirmed. */
  writes: number;
  checkedAt: number;
  /** The graph as accounts limited to some organisations see it, one per scope (issue 18). */
  scoped: Map<string, Scoped>;
}

/**
 * The attack graph in memory, brought up to date when the graph version moves (every import, edit
 * and delete moves it, also from another process such as the CLI): patched with an edit's delta,
 * or reloaded after a bulk write. One load at a time; searches under way keep the version they had. The version
 * costs a round trip to Neo4j, so it is asked again only after this process wrote or after
 * `recheckMs`: an analyst's clicks then cost the computation alone. Callers at the same moment
 * (the aliases of one request, concurrent requests) share one version read (issue 19).
 */
export class AttackGraphCache {
  private current?: Loaded;
  private loading?: Promise<Built | undefined>;
  private checking?: { writes: number; done: Promise<Loaded> };

  /** A bulk write's full load under way while requests answer from the current graph. */
  private background?: Promise<void>;
  private readonly logger = new Logger('AttackGraphCache');

  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly recheckMs: number,
    private readonly now: () => number = Date.now,
    /** From this many nodes a bulk write loads in the background (0: never; see AppConfig). */
    private readonly backgroundNodes = 0,
  ) {}

  /**
   * The graph the current request may see: the whole graph, or for an account limited to some
   * organisations the graph without the others (built once per version and scope).
   */
  async get(scope: OrganizationScope = currentScope()): Promise<AttackGraph> {
    const loaded = await this.load();
    if (!scope.limited) return loaded.graph;
    let scoped = loaded.scoped.get(scope.key);
    if (!scoped) {
      scoped = {
        scope,
        graph: new AttackGraph(scopeGraphData(loaded.data.get(), (org) => scope.includes(org))),
      };
      loaded.scoped.set(scope.key, scoped);
    }
    return scoped.graph;
  }

  private load(): Promise<Loaded> {
    const writes = this.repo.writesByThisProcess();
    const c = this.current;
    // A request that read the version with its token (issue 21) knows at once whether c is current.
    const seen = seenGraphVersion(this.repo);
    if (seen !== undefined) return c?.version === seen ? Promise.resolve(c) : this.check(writes);
    if (c && c.writes === writes && this.now() - c.checkedAt < this.recheckMs) return Promise.resolve(c);
    // A check under way since this process last wrote is as fresh as recheckMs asks (0: never join).
    if (this.recheckMs > 0 && this.checking?.writes === writes) return this.checking.done;
    const done = this.check(writes).finally(() => {
      if (this.checking?.done === done) this.checking = undefined;
    });
    this.checking = { writes, done };
    return done;
  }

  private async check(writes: number): Promise<Loaded> {
    const checkedAt = this.now();
    const version = await graphVersionOf(this.repo);
    const c = this.current;
    if (c?.version === version) {
      this.current = { ...c, writes, checkedAt };
      return this.current;
    }
    // A bulk write is loading in the background: the graph before it answers meanwhile.
    if (c && this.background) return c;
    let base: Built | undefined = c;
    for (;;) {
      const joined = this.loading !== undefined;
      this.loading ??= this.advance(base).finally(() => (this.loading = undefined));
      const built = await this.loading;
      // A bulk write loading in the background: the graph in memory answers (the new one once loaded).
      if (!built) return this.current as Loaded;
      // A load under way since before this version was read may end behind it: advance again.
      if (!joined || built.version === version) {
        this.current = { ...built, writes, checkedAt, scoped: built.scoped ?? new Map() };
        return this.current;
      }
      base = built;
    }
  }

  /**
   * The current graph: the one in memory patched with what the writes since its version touched
   * (issue 21: an edit costs milliseconds, not a reload), or a full load when the change log
   * cannot bridge the gap (a bulk import, an organisation deleted, a process far behind).
   */
  private async advance(c: Built | undefined): Promise<Built | undefined> {
    if (c) {
      const delta = await this.repo.attackGraphDelta(c.version, MAX_PATCHED_IDS);
      if (!delta.full) {
        const data = c.data.next(delta);
        const graph = patchAttackGraph(c.graph, delta);
        const scoped = new Map<string, Scoped>();
        for (const [key, { scope, graph: g }] of c.scoped ?? []) {
          const patch = scopePatch(delta, (org) => scope.includes(org), graph);
          scoped.set(key, { scope, graph: patchAttackGraph(g, patch) });
        }
        return { version: delta.version, data, graph, scoped };
      }
    }
    if (c && this.backgroundNodes > 0 && c.graph.nodes.size >= this.backgroundNodes) {
      this.background ??= this.loadInBackground();
      return undefined;
    }
    const data = await this.repo.attackGraphData();
    return { version: data.version, data: new VersionData(data), graph: new AttackGraph(data) };
  }

  /**
   * Issue 21: at 100k people a full load takes seconds; after a bulk write (an import) requests keep
   * answering from the graph before it until the new one is ready, then move to it.
   */
  private async loadInBackground(): Promise<void> {
    const writes = this.repo.writesByThisProcess();
    const checkedAt = this.now();
    try {
      const data = await this.repo.attackGraphData();
      const graph = new AttackGraph(data);
      this.current = {
        version: data.version,
        data: new VersionData(data),
        graph,
        writes,
        checkedAt,
        scoped: new Map(),
      };
    } catch (e) {
      // The next request after a failed load tries again.
      this.logger.warn(`loading the attack graph after a bulk write failed: ${(e as Error).message}`);
    } finally {
      this.background = undefined;
    }
  }
}
