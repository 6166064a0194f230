import { EventEmitter } from 'node:events';
import { IncomingMessage, ServerResponse } from 'node:http';
import { importGate } from './import-gate';

/** A request/response pair whose `close` the test fires (the response finished, or the client left). */
function exchange() {
  const req = Object.assign(new EventEmitter(), { method: 'POST', url: '/api/import' });
  const emitter = new EventEmitter();
  const res = Object.assign(emitter, {
    statusCode: 200,
    headers: {} as Record<string, string>,
    body: '',
    setHeader(k: string, v: string) {
      res.headers[k] = v;
    },
    end(b: string) {
      res.body = b;
      emitter.emit('close');
    },
  });
  return { req: req as unknown as IncomingMessage, res: res as unknown as ServerResponse & typeof res };
}

describe('importGate', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs one import at a time, queues the next, refuses beyond the queue with 429 and Retry-After', () => {
    const gate = importGate({ concurrency: 1, queueLength: 1, waitSeconds: 60 });
    const started: string[] = [];
    const [a, b, c] = [exchange(), exchange(), exchange()];
    gate(a.req, a.res, () => started.push('a'));
    gate(b.req, b.res, () => started.push('b'));
    gate(c.req, c.res, () => started.push('c'));
    expect(started).toEqual(['a']);
    expect(c.res.statusCode).toBe(429);
    expect(c.res.headers['retry-after']).toBe('30');
    expect(JSON.parse(c.res.body).error.message).toContain('1 import is running and the queue is full');
    a.res.emit('close'); // a finished: b's turn
    expect(started).toEqual(['a', 'b']);
  });

  it('refuses a request that waited too long, and drops one whose client left', () => {
    const gate = importGate({ concurrency: 1, queueLength: 2, waitSeconds: 10 });
    const started: string[] = [];
    const [a, b, c] = [exchange(), exchange(), exchange()];
    gate(a.req, a.res, () => started.push('a'));
    gate(b.req, b.res, () => started.push('b'));
    gate(c.req, c.res, () => started.push('c'));
    b.req.emit('close'); // b's client is gone before its turn
    jest.advanceTimersByTime(10_000);
    expect(c.res.statusCode).toBe(429);
    expect(JSON.parse(c.res.body).error.message).toContain('Waited 10 s for another import to finish');
    a.res.emit('close');
    expect(started).toEqual(['a']); // nobody left to start
  });

  it('lets GET requests through', () => {
    const gate = importGate({ concurrency: 1, queueLength: 0, waitSeconds: 1 });
    const get = exchange();
    (get.req as { method: string }).method = 'GET';
    const next = jest.fn();
    gate(get.req, get.res, next);
    expect(next).toHaveBeenCalled();
  });
});
