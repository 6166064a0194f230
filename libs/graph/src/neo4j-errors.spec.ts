import { Neo4jError } from 'neo4j-driver';
import { DomainError } from '@rampart/domain';
import { mapNeo4jError } from './neo4j-errors';

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
});
