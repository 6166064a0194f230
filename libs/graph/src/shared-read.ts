import { AsyncLocalStorage } from 'node:async_hooks';
import { AnalyticsRepository } from './repositories/analytics.repository';

/**
 * One read shared by everyone who asks while it is pending (issue 19): thousands of aliases in a
 * request, or thousands of requests, cost one round trip at a time instead of one each (which
 * exhausted the driver's pool). A caller never joins a read already under way, which may have
 * started before a write it must see: it joins the next one, started once the current one ends.
 */
export class SharedRead<T> {
  private running?: Promise<T>;
  private next?: Promise<T>;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.running) return this.start();
    this.next ??= this.running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<T> {
    const p: Promise<T> = this.read().finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }
}

const versions = new WeakMap<AnalyticsRepository, SharedRead<number>>();

/** A graph version read while serving a request, and this process's write count just before. */
export interface SeenGraphVersion {
  version: number;
  writes: number;
}

const seenInRequest = new AsyncLocalStorage<SeenGraphVersion>();

/**
 * Runs `work` (a request's handler) with the graph version read when its token was checked (in the
 * same round trip, issue 21): the request's analytics and redaction use it instead of reading it
 * again, which is as fresh (read after the request arrived) and one round trip less.
 */
export const runAtSeenGraphVersion = <T>(seen: SeenGraphVersion | undefined, work: () => T): T =>
  seen ? seenInRequest.run(seen, work) : work();

/** The version seen by the current request, unless this process has written since. */
export function seenGraphVersion(repo: AnalyticsRepository): number | undefined {
  const seen = seenInRequest.getStore();
  return seen && seen.writes === repo.writesByThisProcess() ? seen.version : undefined;
}

/**
 * The graph version of this repository: the one the current request has seen, else read through
 * one SharedRead per repository (the attack graph cache and the redaction service ask it for
 * every request, so they share it too).
 */
export function graphVersionOf(repo: AnalyticsRepository): Promise<number> {
  const seen = seenGraphVersion(repo);
  if (seen !== undefined) return Promise.resolve(seen);
  let shared = versions.get(repo);
  if (!shared) versions.set(repo, (shared = new SharedRead(() => repo.graphVersion())));
  return shared.get();
}
