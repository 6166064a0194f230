import { IncomingMessage, ServerResponse } from 'node:http';
import { sendEarlyError } from '../common/http-error-body';

export interface ImportGateOptions {
  /** Imports running at once in this instance. */
  concurrency: number;
  /** Imports that may wait for a turn (their bodies unread); beyond them, 429 at once. */
  queueLength: number;
  /** How long one may wait before 429. */
  waitSeconds: number;
}

type Next = (err?: unknown) => void;

/**
 * A bounded queue in front of POST /api/import (issue 19), before its body is read: at most
 * `concurrency` import bodies are in memory at once, whatever the number of callers, so an
 * import's peak memory is bounded by the body limit, not multiplied by the callers. A waiting
 * request holds only its connection; one that finds the queue full, or waits too long, gets 429
 * with Retry-After.
 */
export function importGate(opts: ImportGateOptions, now: () => number = Date.now) {
  let running = 0;
  const waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.start();
    }
  };
  const refuse = (req: IncomingMessage, res: ServerResponse, why: string) => {
    const retryAfter = Math.max(1, Math.ceil(opts.waitSeconds / 2));
    const message = `${why} (RAMPART_IMPORT_CONCURRENCY=${opts.concurrency}, RAMPART_IMPORT_QUEUE_LENGTH=${opts.queueLength}); try again in ${retryAfter} seconds.`;
    sendEarlyError(req.url ?? '', res, 429, 'RATE_LIMITED', message, { 'retry-after': String(retryAfter) });
  };
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (req.method !== 'POST') return next();
    const start = () => {
      running++;
      // Finished, failed or the client gone: the turn passes on once, whichever comes first.
      let done = false;
      res.once('close', () => {
        if (!done) {
          done = true;
          release();
        }
      });
      next();
    };
    if (running < opts.concurrency) return start();
    if (waiting.length >= opts.queueLength) {
      return refuse(
        req,
        res,
        `${running} import${running === 1 ? ' is' : 's are'} running and the queue is full`,
      );
    }
    const enqueued = now();
    const entry = {
      start,
      timer: setTimeout(() => {
        waiting.splice(waiting.indexOf(entry), 1);
        refuse(req, res, `Waited ${Math.round((now() - enqueued) / 1000)} s for another import to finish`);
      }, opts.waitSeconds * 1000),
    };
    waiting.push(entry);
    // A client that leaves while waiting gives its place up.
    req.once('close', () => {
      const i = waiting.indexOf(entry);
      if (i >= 0) {
        clearTimeout(entry.timer);
        waiting.splice(i, 1);
      }
    });
  };
}
