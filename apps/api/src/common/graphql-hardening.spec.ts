import { formatGraphqlError } from './graphql-hardening';

describe('formatGraphqlError', () => {
  it('lets the API’s own errors and GraphQL’s client errors through unchanged', () => {
    const mapped = {
      message: 'No threat has the id x.',
      extensions: { code: 'NOT_FOUND', rampartCode: 'NOT_FOUND' },
    };
    const parse = {
      message: 'Syntax Error: Expected Name, found <EOF>.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    };
    const limit = { message: 'The operation costs too much.', extensions: { code: 'QUERY_TOO_COMPLEX' } };
    for (const e of [mapped, parse, limit]) expect(formatGraphqlError(e)).toBe(e);
  });

  it('hides what an unexpected failure says', () => {
    expect(
      formatGraphqlError({
        message: 'Maximum call stack size exceeded',
        path: ['posture'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at walk (/srv/x.js:1:1)'] },
      }),
    ).toEqual({
      message: 'Internal error.',
      path: ['posture'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(formatGraphqlError({ message: 'Cannot read properties of null' }).message).toBe('Internal error.');
  });
});
