import { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sendEarlyError } from './http-error-body';

type Next = (err?: unknown) => void;

/** The API's paths (the UI's static files and health probes are not limited). */
const LIMITED = /^\/(graphql|api)(\/|\?|$)/;

/**
 * Requests per client address per minute to /graphql and /api (issue 8), counted by
 * rate-limiter-flexible in fixed one-minute windows (from an address's first request). Past the
 * limit: 429 with Retry-After, as a GraphQL error body on /graphql (clients read
 * `errors[].extensions.code`) and the REST error body elsewhere. In memory, per instance.
 */
export function rateLimit(perMinute: number, warn: (message: string) => void = () => undefined) {
  const limiter =
    perMinute > 0 ? new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: '' }) : null;
  return (req: IncomingMessage & { ip?: string }, res: ServerResponse, next: Next): void => {
    if (!limiter || !LIMITED.test(req.url ?? '')) return next();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    limiter.consume(address).then(
      () => next(),
      (refused: unknown) => {
        if (!(refused instanceof RateLimiterRes)) return next(refused);
        if (refused.consumedPoints === perMinute + 1)
          warn(`Rate limit reached: ${address} sent more than ${perMinute} requests in a minute.`);
        const retryAfter = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
        const message = `Too many requests: at most ${perMinute} a minute from one address; try again in ${retryAfter} seconds.`;
        sendEarlyError(req.url ?? '', res, 429, 'RATE_LIMITED', message, {
          'retry-after': String(retryAfter),
        });
      },
    );
  };
}
