/**
 * Every failure the service reports is one of these codes. The API maps each code to an HTTP
 * status and a GraphQL error code in one place (apps/api/src/common/error-mapping.ts).
 */
export const ERROR_CODES = [
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'BAD_CURSOR',
  'CONFLICT',
  'DATABASE_UNAVAILABLE',
  'DATABASE_AUTH_FAILED',
  'QUERY_TIMEOUT',
  'TRANSACTION_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  /** A report's data was built but a format could not be rendered (chromium missing, out of time). */
  'REPORT_RENDER_FAILED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
