import { parseQuery } from '../common/valid-query';
import { oidcCallbackQuery } from './oidc.controller';

describe('GET /api/auth/oidc/callback query', () => {
  const parse = (q: Record<string, unknown>) => parseQuery(oidcCallbackQuery, q);

  it('passes the provider parameters on, and nothing else', () => {
    expect(parse({ code: 'c', state: 's', iss: 'https://idp', session_state: 'x' })).toEqual({
      code: 'c',
      state: 's',
      iss: 'https://idp',
    });
    expect(parse({ error: 'access_denied', error_description: 'no' })).toEqual({
      error: 'access_denied',
      error_description: 'no',
    });
  });

  it('never refuses: the browser goes back to the web UI, which says why', () => {
    expect(parse({})).toEqual({});
    // A repeated parameter counts as absent (the service then refuses the sign-in itself).
    expect(parse({ code: ['a', 'b'], state: 's' })).toEqual({ state: 's' });
  });
});
