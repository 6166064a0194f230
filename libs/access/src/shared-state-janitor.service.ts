import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SharedStateRepository } from '@rampart/graph';

/** How often the sweep runs, and how long leases of past due times are kept (for people reading them). */
export const SWEEP_EVERY_MS = 60_000;
export const LEASES_KEPT_MS = 7 * 24 * 3600 * 1000;

/**
 * Deletes the shared state nobody needs any more (issue 21): counters whose window ended, OpenID
 * Connect sign-ins past their time, schedule leases of due times a week past. Reads already treat
 * expired rows as absent; this keeps them from piling up. Every API instance sweeps (the deletes
 * are idempotent); a failed sweep is logged and the next one comes. Provided by the API only.
 */
@Injectable()
export class SharedStateJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SharedState');
  private timer?: NodeJS.Timeout;

  constructor(private readonly sharedState: SharedStateRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One sweep (the timer's; tests call it). Resolves to what it deleted, null when it failed. */
  async sweep(now = Date.now()) {
    try {
      return await this.sharedState.deleteExpired(now, now - LEASES_KEPT_MS);
    } catch (e) {
      this.logger.warn(
        `Sweeping expired shared state failed (next try in a minute): ${(e as Error).message}`,
      );
      return null;
    }
  }
}
