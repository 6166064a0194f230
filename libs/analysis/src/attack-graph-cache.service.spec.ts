import { Logger } from '@nestjs/common';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { OrganizationScope } from '@rampart/domain';
import { AnalyticsRepository, runAtSeenGraphVersion } from '@rampart/graph';
import { AttackGraphCache } from './attack-graph-cache.service';

/** A repository stand-in: the cache's policy is under test, not a query. */
function fakeRepo() {
  const state = {
    version: 1,
    writes: 0,
    versionReads: 0,
    loads: 0,
    patchable: false,
    deltas: [] as number[],
  };
  const repo = {
    writesByThisProcess: () => state.writes,
    graphVersion: async () => {
      state.versionReads += 1;
      return state.version;
    },
    attackGraphDelta: async (since: number) => {
      state.deltas.push(since);
      if (!state.patchable) return { full: true, version: state.version };
      const organizationId = state.version % 2 ? 'A' : 'B';
      const node = { id: `n-${state.version}`, name: 'N', labels: ['Asset', 'System'], organizationId };
      const part = { nodes: [node], steps: [], controls: [], threats: [], dependsOn: [] };
      return { full: false, version: state.version, ids: [node.id], part };
    },
    attackGraphData: async () => {
      state.loads += 1;
      return { version: state.version, nodes: [], steps: [], controls: [], threats: [], dependsOn: [] };
    },
  } as unknown as AnalyticsRepository;
  return { state, repo };
}

describe('AttackGraphCache', () => {
  it('trusts its graph within recheckMs when this process has not written', async () => {
    const { state, repo } = fakeRepo();
    let now = 0;
    const cache = new AttackGraphCache(repo, 1000, () => now);
    const first = await cache.get();
    now = 999;
    expect(await cache.get()).toBe(first);
    expect(state).toMatchObject({ versionReads: 1, loads: 1 });
  });

  it('asks for the version again after recheckMs, and reloads only when it moved', async () => {
    const { state, repo } = fakeRepo();
    let now = 0;
    const cache = new AttackGraphCache(repo, 1000, () => now);
    const first = await cache.get();
    now = 1000;
    expect(await cache.get()).toBe(first);
    expect(state).toMatchObject({ versionReads: 2, loads: 1 });
    state.version = 2; // another process wrote
    now = 2000;
    expect(await cache.get()).not.toBe(first);
    expect(state).toMatchObject({ versionReads: 3, loads: 2 });
  });

  it("sees this process's writes at once", async () => {
    const { state, repo } = fakeRepo();
    const cache = new AttackGraphCache(repo, 60_000, () => 0);
    const first = await cache.get();
    state.writes += 1;
    state.version = 2;
    expect(await cache.get()).not.toBe(first);
    expect(state.loads).toBe(2);
  });

  it('patches its graph with the delta since its version when the change log bridges it', async () => {
    const { state, repo } = fakeRepo();
    const cache = new AttackGraphCache(repo, 0, () => 0);
    const first = await cache.get();
    state.patchable = true;
    state.version = 3;
    const patched = await cache.get();
    expect(state).toMatchObject({ loads: 1, deltas: [1] });
    expect([...patched.nodes.keys()]).toEqual(['n-3']);
    expect(first.nodes.size).toBe(0);
    state.patchable = false; // a bulk write: the log cannot bridge it
    state.version = 4;
    await cache.get();
    expect(state).toMatchObject({ loads: 2, deltas: [1, 3] });
  });

  it('patches the graphs of accounts limited to some organisations too: each sees only its own', async () => {
    const { state, repo } = fakeRepo();
    const cache = new AttackGraphCache(repo, 0, () => 0);
    const [onlyA, onlyB] = [OrganizationScope.of(['A']), OrganizationScope.of(['B'])];
    await cache.get(onlyA);
    await cache.get(onlyB);
    state.patchable = true;
    state.version = 3; // n-3, of A
    const patchedA = await cache.get(onlyA);
    expect([...patchedA.nodes.keys()]).toEqual(['n-3']);
    // Patched (its maps layered over the previous graph's), not built again from the data.
    expect(patchedA.nodes).not.toBeInstanceOf(Map);
    expect([...(await cache.get(onlyB)).nodes.keys()]).toEqual([]);
    state.version = 4; // n-4, of B
    expect([...(await cache.get(onlyB)).nodes.keys()]).toEqual(['n-4']);
    expect([...(await cache.get(onlyA)).nodes.keys()]).toEqual(['n-3']);
    expect([...(await cache.get()).nodes.keys()].sort()).toEqual(['n-3', 'n-4']);
    expect(state).toMatchObject({ loads: 1, deltas: [1, 3] });
  });

  it('keeps no earlier graph once it has patched (a version refers to none before it)', async () => {
    setFlagsFromString('--expose_gc');
    const gc = runInNewContext('gc') as () => void;
    const { state, repo } = fakeRepo();
    const cache = new AttackGraphCache(repo, 0, () => 0);
    const first = new WeakRef(await cache.get());
    state.patchable = true;
    for (state.version = 2; state.version <= 4; state.version++) await cache.get();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(first.deref()).toBeUndefined();
  });

  it('asks every time with recheckMs 0', async () => {
    const { state, repo } = fakeRepo();
    const cache = new AttackGraphCache(repo, 0, () => 0);
    await cache.get();
    await cache.get();
    expect(state).toMatchObject({ versionReads: 2, loads: 1 });
  });

  it('shares one version read among thousands of callers at the same moment (aliases, issue 19)', async () => {
    const { state, repo } = fakeRepo();
    let now = 0;
    const cache = new AttackGraphCache(repo, 1000, () => now);
    await cache.get();
    now = 5000; // stale: the next callers must ask
    const graphs = await Promise.all(Array.from({ length: 5000 }, () => cache.get()));
    expect(new Set(graphs).size).toBe(1);
    expect(state).toMatchObject({ versionReads: 2, loads: 1 });
  });

  it('shares one load between concurrent callers', async () => {
    const { state, repo } = fakeRepo();
    const cache = new AttackGraphCache(repo, 0);
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(state.loads).toBe(1);
  });

  describe('in a request that read the version with its token (issue 21)', () => {
    const at = <T>(version: number, writes: number, work: () => Promise<T>) =>
      runAtSeenGraphVersion({ version, writes }, work);

    it('answers with its graph when the request saw its version, without reading it again', async () => {
      const { state, repo } = fakeRepo();
      const cache = new AttackGraphCache(repo, 0, () => 0);
      const first = await cache.get();
      expect(await at(1, 0, () => cache.get())).toBe(first);
      expect(state).toMatchObject({ versionReads: 1, loads: 1 });
    });

    it('advances at once to a version the request saw, even within recheckMs', async () => {
      const { state, repo } = fakeRepo();
      const cache = new AttackGraphCache(repo, 60_000, () => 0);
      const first = await cache.get();
      state.version = 2; // another instance wrote; the request's token check saw it
      const next = await at(2, 0, () => cache.get());
      expect(next).not.toBe(first);
      expect(state).toMatchObject({ versionReads: 1, loads: 2 });
    });

    it('reads the version again once this process wrote after the request saw it', async () => {
      const { state, repo } = fakeRepo();
      const cache = new AttackGraphCache(repo, 60_000, () => 0);
      await cache.get();
      state.version = 2;
      state.writes = 1; // the request's own mutation, after its token was checked at version 1
      const next = await at(1, 0, () => cache.get());
      expect(state).toMatchObject({ versionReads: 2, loads: 2 });
      expect(await at(2, 1, () => cache.get())).toBe(next);
    });

    it('does not settle for a load that started before the version it saw', async () => {
      const { state, repo } = fakeRepo();
      const cache = new AttackGraphCache(repo, 0, () => 0);
      const early = cache.get();
      while (state.loads === 0) await Promise.resolve(); // its load has read version 1
      state.version = 2; // written while that load runs; a request then sees version 2
      const late = await at(2, 0, () => cache.get());
      await early;
      expect(state.loads).toBe(2);
      expect(late).not.toBe(await early);
    });
  });

  describe('after a bulk write to a large graph (issue 21)', () => {
    /** A repository whose full loads wait until released: what answers in the meantime shows. */
    function slowRepo() {
      const state = { version: 1, loads: 0, fail: false };
      let release: () => void = () => undefined;
      const repo = {
        writesByThisProcess: () => 0,
        graphVersion: async () => state.version,
        attackGraphDelta: async () => ({ full: true, version: state.version }),
        attackGraphData: async () => {
          state.loads += 1;
          const version = state.version;
          if (state.loads > 1) await new Promise<void>((r) => (release = r));
          if (state.fail) throw new Error('Neo4j went away');
          const node = { id: `n-${version}`, name: 'N', labels: ['Asset', 'System'] };
          return { version, nodes: [node], steps: [], controls: [], threats: [], dependsOn: [] };
        },
      } as unknown as AnalyticsRepository;
      return { state, repo, release: () => release() };
    }
    const idsOf = (g: { nodes: ReadonlyMap<string, unknown> }) => [...g.nodes.keys()];

    it('answers from the graph before it while the new one loads, then from the new one', async () => {
      const { state, repo, release } = slowRepo();
      const cache = new AttackGraphCache(repo, 0, () => 0, 1);
      expect(idsOf(await cache.get())).toEqual(['n-1']);
      state.version = 2; // an import
      expect(idsOf(await cache.get())).toEqual(['n-1']); // at once, not after the load
      expect(idsOf(await cache.get())).toEqual(['n-1']);
      expect(state.loads).toBe(2); // one load in the background, not one per request
      release();
      await new Promise((r) => setImmediate(r));
      expect(idsOf(await cache.get())).toEqual(['n-2']);
      expect(state.loads).toBe(2);
    });

    it('waits for the load below the size, and with the setting at 0', async () => {
      for (const threshold of [2, 0]) {
        const { state, repo, release } = slowRepo();
        const cache = new AttackGraphCache(repo, 0, () => 0, threshold);
        await cache.get();
        state.version = 2;
        const next = cache.get();
        await new Promise((r) => setImmediate(r));
        release();
        expect(idsOf(await next)).toEqual(['n-2']);
      }
    });

    it('tries again at the next request when the background load failed', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const { state, repo, release } = slowRepo();
      const cache = new AttackGraphCache(repo, 0, () => 0, 1);
      await cache.get();
      state.version = 2;
      state.fail = true;
      await cache.get();
      release();
      await new Promise((r) => setImmediate(r));
      state.fail = false;
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/bulk write failed: Neo4j went away/));
      warn.mockRestore();
      expect(idsOf(await cache.get())).toEqual(['n-1']); // a new background load started
      expect(state.loads).toBe(3);
      release();
      await new Promise((r) => setImmediate(r));
      expect(idsOf(await cache.get())).toEqual(['n-2']);
    });
  });
});
