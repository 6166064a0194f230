import { statusOf } from './graphql-error-status';

describe('statusOf', () => {
  const err = (code?: string) => ({ message: 'm', extensions: code ? { code } : undefined });

  it('answers 504 for a timeout, 503 for an unavailable database, nothing for other errors', () => {
    expect(statusOf(undefined)).toBeUndefined();
    expect(statusOf([err('NOT_FOUND'), err()])).toBeUndefined();
    expect(statusOf([err('SERVICE_UNAVAILABLE')])).toBe(503);
    expect(statusOf([err('NOT_FOUND'), err('TIMEOUT'), err('SERVICE_UNAVAILABLE')])).toBe(504);
  });
});
