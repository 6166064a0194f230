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

/**
 * The graph version of this repository, read through one SharedRead per repository: the attack
 * graph cache and the redaction service ask it for every request, so they share it too.
 */
export function graphVersionOf(repo: AnalyticsRepository): Promise<number> {
  let shared = versions.get(repo);
  if (!shared) versions.set(repo, (shared = new SharedRead(() => repo.graphVersion())));
  return shared.get();
}
