import { DomainError, ERROR_CODES } from '@rampart/domain';
import { toPublicError } from './error-mapping';

describe('toPublicError', () => {
  it('maps every domain code to an HTTP status and a GraphQL code', () => {
    for (const code of ERROR_CODES) {
      const p = toPublicError(new DomainError(code, 'x'));
      expect(p.status).toBeGreaterThanOrEqual(400);
      expect(p.graphqlCode).toMatch(/^[A-Z_]+$/);
    }
  });

  it('keeps the message of a user-facing error', () => {
    const p = toPublicError(new DomainError('BAD_CURSOR', 'restart paging'));
    expect(p).toMatchObject({
      status: 400,
      code: 'BAD_CURSOR',
      graphqlCode: 'BAD_USER_INPUT',
      message: 'restart paging',
    });
  });

  it('hides the cause of internal errors and unknown throwables', () => {
    expect(toPublicError(new Error('secret stack detail')).message).not.toMatch(/secret/);
    const p = toPublicError(new DomainError('INTERNAL', 'Query x failed', { query: 'x' }));
    expect(p.message).not.toMatch(/Query x/);
    expect(p.details).toBeUndefined();
  });

  it('drops driver details from user-facing errors', () => {
    const p = toPublicError(
      new DomainError('QUERY_TIMEOUT', 'slow', { query: 'asset/page', neo4jCode: 'N' }),
    );
    expect(p.details).toBeUndefined();
    expect(p.status).toBe(504);
  });
});
