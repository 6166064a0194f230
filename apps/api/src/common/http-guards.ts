import { INestApplication } from '@nestjs/common';
import { RequestRateLimiter } from '@rampart/access';
import { AppConfig } from '@rampart/config';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { sendEarlyError } from './http-error-body';
import { rateLimit } from './rate-limit';

type Next = (err?: unknown) => void;

/**
 * Headers and limits in front of every route (issue 8): helmet (a strict Content-Security-Policy
 * for the UI: its own scripts only), CORS only for configured origins, the per-address rate limit.
 * Installed before the body parsers so a flood is refused before any body is read.
 */
export function installHttpGuards(app: INestApplication, config: AppConfig, warn: (m: string) => void): void {
  const strict = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Cytoscape and React set element styles; no inline <script> is ever needed.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Rampart is often served over plain HTTP inside a network: upgrading would break the UI.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // Outside production GET /graphql serves the GraphQL playground, which loads from a CDN.
  const playground = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  const production = config.env === 'production';
  app.use((req: IncomingMessage, res: ServerResponse, next: Next) =>
    !production && req.method === 'GET' && (req.url ?? '').startsWith('/graphql')
      ? playground(req, res, next)
      : strict(req, res, next),
  );
  const { corsOrigins, trustProxyHops } = config.guards;
  // Behind load balancers the TCP peer is the balancer: the client is the address it names in
  // X-Forwarded-For, trusted only from that many hops (else any client could name any address).
  if (trustProxyHops > 0) app.getHttpAdapter().getInstance().set('trust proxy', trustProxyHops);
  if (corsOrigins.length) {
    app.enableCors({
      origin: corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
      exposedHeaders: [
        'x-request-id',
        'x-report-run',
        'x-report-sha256',
        'content-disposition',
        'retry-after',
      ],
      maxAge: 600,
    });
  }
  // Counted across every instance (issue 21): the limiter is the app's, built from the same config.
  app.use(rateLimit(app.get(RequestRateLimiter), warn));
}

/**
 * Body parser failures as the API's errors: 413 naming the limit and the variable that sets it
 * (imports have their own), 400 for a body that does not parse. Registered after the parsers.
 */
export function bodyErrors(config: AppConfig) {
  return (err: unknown, req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const type = (err as { type?: string } | undefined)?.type;
    const url = req.url ?? '';
    if (type === 'entity.too.large') {
      const [limit, variable] = url.startsWith('/api/import')
        ? [config.importBodyLimit, 'RAMPART_IMPORT_BODY_LIMIT']
        : [config.bodyLimit, 'RAMPART_BODY_LIMIT'];
      return sendEarlyError(
        url,
        res,
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${limit} (${variable}).`,
      );
    }
    if (type === 'entity.parse.failed') {
      return sendEarlyError(url, res, 400, 'MALFORMED_BODY', 'The request body is not valid JSON.');
    }
    next(err);
  };
}
