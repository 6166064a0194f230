import { IncomingMessage, ServerResponse } from 'node:http';
import { sendEarlyError } from './http-error-body';

interface Window {
  start: number;
  count: number;
}

type Next = (err?: unknown) => void;

/** The API's paths (the UI's static files and health probes are not limited). */
const LIMITED = /^\/(graphql|api)(\/|\?|$)/;

/**
 * Requests per client address per minute to /graphql and /api (issue 8), in fixed one-minute
 * windows. Past the limit: 429 with Retry-After, as a GraphQL error body on /graphql (clients
 * read `errors[].extensions.code`) and the REST error body elsewhere. In memory, per instance.
 */
export function rateLimit(
  perMinute: number,
  warn: (message: string) => void = () => undefined,
  now: () => number = Date.now,
) {
  const windows = new Map<string, Window>();
  return (req: IncomingMessage & { ip?: string }, res: ServerResponse, next: Next): void => {
    if (perMinute <= 0 || !LIMITED.test(req.url ?? '')) return next();
    const t = now();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    let w = windows.get(address);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 10_000) prune(windows, t);
      w = { start: t, count: 0 };
      windows.set(address, w);
    }
    w.count++;
    if (w.count <= perMinute) return next();
    if (w.count === perMinute + 1)
      warn(`Rate limit reached: ${address} sent more than ${perMinute} requests in a minute.`);
    const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    const message = `Too many requests: at most ${perMinute} a minute from one address; try again in ${retryAfter} seconds.`;
    sendEarlyError(req.url ?? '', res, 429, 'RATE_LIMITED', message, { 'retry-after': String(retryAfter) });
  };
}

function prune(windows: Map<string, Window>, t: number): void {
  for (const [k, w] of windows) if (t - w.start >= 60_000) windows.delete(k);
}
