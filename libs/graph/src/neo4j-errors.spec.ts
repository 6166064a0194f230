import { Neo4jError } from 'neo4j-driver';
import { DomainError } from '@rampart/domain';
import { isNeo4jUnreachable, mapNeo4jError } from './neo4j-errors';

const neo4jError = (code: string) => new Neo4jError('raw driver text', code, 'gql', 'desc');

describe('mapNeo4jError', () => {
  it.each([
    ['ServiceUnavailable', 'DATABASE_UNAVAILABLE'],
    ['SessionExpired', 'DATABASE_UNAVAILABLE'],
    ['Neo.ClientError.Security.Unauthorized', 'DATABASE_AUTH_FAILED'],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', 'CONFLICT'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'QUERY_TIMEOUT'],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'TRANSACTION_TOO_LARGE'],
    ['Neo.ClientError.Statement.SyntaxError', 'INTERNAL'],
  ])('maps %s to %s by its code, keeping the cause', (code, expected) => {
    const e = mapNeo4jError(neo4jError(code), 'asset/page');
    expect(e.code).toBe(expected);
    expect(e.details).toMatchObject({ query: 'asset/page', neo4jCode: code });
    expect((e.cause as Error).message).toBe('raw driver text');
    expect(e.message).not.toContain('raw driver text');
  });

  it('maps a transaction terminated because of its timeout to QUERY_TIMEOUT, other terminations not', () => {
    const timedOut = new Neo4jError(
      'The transaction has been terminated. Reason: Transaction timeout. (Transaction.TransactionTimedOut)',
      'Neo.TransientError.Transaction.Terminated',
      'gql',
      'desc',
    );
    expect(mapNeo4jError(timedOut, 'q').code).toBe('QUERY_TIMEOUT');
    const killed = new Neo4jError(
      'Terminated by an administrator',
      'Neo.ClientError.Transaction.Terminated',
      'gql',
      'd',
    );
    expect(mapNeo4jError(killed, 'q').code).toBe('INTERNAL');
  });

  it('passes domain errors through unchanged', () => {
    const original = new DomainError('BAD_CURSOR', 'x');
    expect(mapNeo4jError(original, 'q')).toBe(original);
  });

  it('treats a plain error without a code as internal', () => {
    expect(mapNeo4jError(new Error('boom'), 'q').code).toBe('INTERNAL');
  });

  it('answers 503 (not 500) when every pooled connection stays busy', () => {
    const busy = new Neo4jError(
      'Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 50, Idle conn count = 0.',
      'N/A',
      'gql',
      'desc',
    );
    const e = mapNeo4jError(busy, 'asset/page');
    expect(e.code).toBe('DATABASE_UNAVAILABLE');
    expect(e.message).toMatch(/too busy.*NEO4J_ACQUISITION_TIMEOUT_MS/);
    expect(isNeo4jUnreachable(busy)).toBe(false);
  });
});

describe('isNeo4jUnreachable', () => {
  it.each([
    ['ServiceUnavailable', true],
    ['SessionExpired', true],
    ['Neo.TransientError.General.DatabaseUnavailable', true],
    ['Neo.ClientError.Security.Unauthorized', false],
    ['Neo.TransientError.Transaction.DeadlockDetected', false],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', false],
  ])('%s: %s', (code, expected) => {
    expect(isNeo4jUnreachable(neo4jError(code))).toBe(expected);
  });

  it('is false for domain errors and plain errors', () => {
    expect(isNeo4jUnreachable(new DomainError('DATABASE_UNAVAILABLE', 'x'))).toBe(false);
    expect(isNeo4jUnreachable(new Error('boom'))).toBe(false);
  });
});
