import { HttpStatus } from '@nestjs/common';
import { DomainError, ErrorCode, isDomainError } from '@rampart/domain';

/** The one table from domain error codes to HTTP statuses and GraphQL `extensions.code`. */
const MAPPING: Record<ErrorCode, { http: HttpStatus; graphql: string }> = {
  NOT_FOUND: { http: HttpStatus.NOT_FOUND, graphql: 'NOT_FOUND' },
  VALIDATION_FAILED: { http: HttpStatus.BAD_REQUEST, graphql: 'BAD_USER_INPUT' },
  BAD_CURSOR: { http: HttpStatus.BAD_REQUEST, graphql: 'BAD_USER_INPUT' },
  CONFLICT: { http: HttpStatus.CONFLICT, graphql: 'CONFLICT' },
  DATABASE_UNAVAILABLE: { http: HttpStatus.SERVICE_UNAVAILABLE, graphql: 'SERVICE_UNAVAILABLE' },
  DATABASE_AUTH_FAILED: { http: HttpStatus.SERVICE_UNAVAILABLE, graphql: 'SERVICE_UNAVAILABLE' },
  QUERY_TIMEOUT: { http: HttpStatus.GATEWAY_TIMEOUT, graphql: 'TIMEOUT' },
  TRANSACTION_TOO_LARGE: { http: HttpStatus.PAYLOAD_TOO_LARGE, graphql: 'TRANSACTION_TOO_LARGE' },
  UNAUTHENTICATED: { http: HttpStatus.UNAUTHORIZED, graphql: 'UNAUTHENTICATED' },
  FORBIDDEN: { http: HttpStatus.FORBIDDEN, graphql: 'FORBIDDEN' },
  RATE_LIMITED: { http: HttpStatus.TOO_MANY_REQUESTS, graphql: 'RATE_LIMITED' },
  REPORT_RENDER_FAILED: { http: HttpStatus.SERVICE_UNAVAILABLE, graphql: 'REPORT_RENDER_FAILED' },
  INTERNAL: { http: HttpStatus.INTERNAL_SERVER_ERROR, graphql: 'INTERNAL_SERVER_ERROR' },
};

export interface PublicError {
  status: HttpStatus;
  code: ErrorCode;
  graphqlCode: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What a client may see of an error: internal failures never leak their cause. */
export function toPublicError(e: unknown): PublicError {
  const error: DomainError = isDomainError(e) ? e : new DomainError('INTERNAL', 'Internal error.');
  const { http, graphql } = MAPPING[error.code];
  const internal = error.code === 'INTERNAL';
  return {
    status: http,
    code: error.code,
    graphqlCode: graphql,
    message: internal ? 'Internal error; the request id in the logs has the details.' : error.message,
    details: internal ? undefined : publicDetails(error.details),
  };
}

// Driver-level details (query names, Neo4j codes) stay in the logs.
function publicDetails(details?: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!details) return undefined;
  const { query: _query, neo4jCode: _neo4jCode, ...rest } = details;
  return Object.keys(rest).length ? rest : undefined;
}
