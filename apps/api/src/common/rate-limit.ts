import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestRateLimiter } from '@rampart/access';
import { sendEarlyError } from './http-error-body';

type Next = (err?: unknown) => void;

/** The API's paths (the UI's static files and health probes are not limited). */
const LIMITED = /^\/(graphql|api)(\/|\?|$)/;

/**
 * Requests per client address per minute to /graphql and /api (issue 8), counted across every API
 * instance by RequestRateLimiter (libs/access: clock-aligned minutes, counts added to Neo4j in
 * batches, so no request waits for Neo4j). Past the limit: 429 with Retry-After, as a GraphQL
 * error body on /graphql (clients read `errors[].extensions.code`) and the REST error body elsewhere.
 */
export function rateLimit(limiter: RequestRateLimiter, warn: (message: string) => void = () => undefined) {
  const perMinute = limiter.perWindow;
  return (req: IncomingMessage & { ip?: string }, res: ServerResponse, next: Next): void => {
    if (!limiter.enabled || !LIMITED.test(req.url ?? '')) return next();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const decision = limiter.hit(address);
    if (decision.allowed) return next();
    if (decision.firstRefusal)
      warn(`Rate limit reached: ${address} sent more than ${perMinute} requests in a minute.`);
    const retryAfter = Math.max(1, Math.ceil(decision.msLeft / 1000));
    const message = `Too many requests: at most ${perMinute} a minute from one address; try again in ${retryAfter} seconds.`;
    sendEarlyError(req.url ?? '', res, 429, 'RATE_LIMITED', message, { 'retry-after': String(retryAfter) });
  };
}
