import { DomainError, ErrorCode } from '@rampart/domain';

/** Neo4j status codes (error.code) that mean something to a caller; everything else is INTERNAL. */
const BY_CODE: Record<string, ErrorCode> = {
  ServiceUnavailable: 'DATABASE_UNAVAILABLE',
  SessionExpired: 'DATABASE_UNAVAILABLE',
  'Neo.TransientError.General.DatabaseUnavailable': 'DATABASE_UNAVAILABLE',
  'Neo.ClientError.Database.DatabaseNotFound': 'DATABASE_UNAVAILABLE',
  'Neo.ClientError.Security.Unauthorized': 'DATABASE_AUTH_FAILED',
  'Neo.ClientError.Security.AuthenticationRateLimit': 'DATABASE_AUTH_FAILED',
  'Neo.ClientError.Schema.ConstraintValidationFailed': 'CONFLICT',
  'Neo.ClientError.Transaction.TransactionTimedOut': 'QUERY_TIMEOUT',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration': 'QUERY_TIMEOUT',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError': 'TRANSACTION_TOO_LARGE',
  'Neo.TransientError.General.TransactionMemoryLimit': 'TRANSACTION_TOO_LARGE',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  DATABASE_UNAVAILABLE: 'The graph database is not reachable right now.',
  DATABASE_AUTH_FAILED: 'The graph database refused the configured credentials.',
  QUERY_TIMEOUT: 'The query took longer than the transaction timeout (NEO4J_TX_TIMEOUT_MS).',
  CONFLICT: 'The change conflicts with an existing entity (duplicate id).',
  TRANSACTION_TOO_LARGE:
    'The write needs more memory than Neo4j allows one transaction (dbms.memory.transaction.total.max, 70% of its heap by default); nothing was written. Give Neo4j a larger heap (NEO4J_LOCAL_HEAP_MB for the local launcher) or import the organisation in parts.',
};

/** Codes that say Neo4j itself cannot be reached (not that it is busy or refused a query). */
const UNREACHABLE = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
]);

/** True when the driver could not reach Neo4j at all: what opens the availability breaker. */
export function isNeo4jUnreachable(e: unknown): boolean {
  return UNREACHABLE.has(neo4jErrorCode(e) ?? '');
}

/** Every pooled connection busy for NEO4J_ACQUISITION_TIMEOUT_MS: Neo4j is up but saturated. */
function acquisitionTimedOut(e: unknown): boolean {
  return e instanceof Error && /^Connection acquisition timed out/.test(e.message);
}

export function neo4jErrorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e
    ? String((e as { code: unknown }).code)
    : undefined;
}

/** Maps a driver error to a DomainError by its `code`, keeping the original as `cause`. */
export function mapNeo4jError(e: unknown, queryName: string): DomainError {
  if (e instanceof DomainError) return e;
  if (acquisitionTimedOut(e)) {
    return new DomainError(
      'DATABASE_UNAVAILABLE',
      'The graph database is too busy right now: no connection came free in time (NEO4J_ACQUISITION_TIMEOUT_MS). Try again shortly.',
      { query: queryName, neo4jCode: neo4jErrorCode(e) },
      { cause: e },
    );
  }
  const code = BY_CODE[neo4jErrorCode(e) ?? ''] ?? (terminatedByTimeout(e) ? 'QUERY_TIMEOUT' : 'INTERNAL');
  const message = MESSAGES[code] ?? `Query ${queryName} failed.`;
  return new DomainError(code, message, { query: queryName, neo4jCode: neo4jErrorCode(e) }, { cause: e });
}

/**
 * Under load the server may stop a timed-out transaction between statements or while it waits
 * for a lock: the code is then Transaction.Terminated or LockClientStopped, and only the reason
 * in the message says it was the timeout.
 */
function terminatedByTimeout(e: unknown): boolean {
  const code = neo4jErrorCode(e) ?? '';
  const message = e instanceof Error ? e.message : '';
  return (
    /\.Transaction\.(Terminated|LockClientStopped)$/.test(code) &&
    /timed? ?out|TransactionTimedOut/i.test(message)
  );
}
