import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import pino, { Logger } from 'pino';
import { AppConfig } from '@rampart/config';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** JSON logs; secrets (auth headers, cookies, passwords) are redacted before they are written. */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'rampart' },
    redact: [
      'req.headers.authorization',
      'req.headers.cookie',
      '*.password',
      '*.NEO4J_PASSWORD',
      // The OpenID Connect callback answers with the refresh token in its Location (a fragment).
      'res.headers.location',
      'res.headers["set-cookie"]',
    ],
  });
}

/** A client's x-request-id is kept when well-formed; otherwise one is made. Echoed on the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}
