import { ApiError } from './api-error';
import { createRequest } from './client';
import type { TypedDocumentString } from './generated';
import { type HttpFetch, SESSION_ENDED } from './session';

const doc = { toString: () => '{ answer }' } as unknown as TypedDocumentString<
  { answer: number },
  Record<string, never>
>;

const json = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body });
const refused = (status = 200) =>
  json(status, { errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }] });

/** A fake session whose tokens are t1, t2, ... (renew gives the next one) and a scripted /graphql. */
function setup(answers: ReturnType<typeof json>[]) {
  let n = 1;
  const auth = {
    accessToken: jest.fn(async () => `t${n}`),
    renew: jest.fn(async () => `t${++n}`),
    signOut: jest.fn(async () => undefined),
  };
  const sent: { authorization?: string; body?: string }[] = [];
  const send: HttpFetch = async (url, init) => {
    expect(url).toBe('/graphql');
    sent.push({ authorization: init.headers.authorization, body: init.body });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  };
  return { auth, sent, request: createRequest(auth, send) };
}

describe('request', () => {
  it('sends the operation with the bearer token', async () => {
    const { request, sent, auth } = setup([json(200, { data: { answer: 42 } })]);
    expect(await request(doc, {})).toEqual({ answer: 42 });
    expect(sent).toEqual([{ authorization: 'Bearer t1', body: '{"query":"{ answer }","variables":{}}' }]);
    expect(auth.renew).not.toHaveBeenCalled();
  });

  it.each([
    ['a GraphQL UNAUTHENTICATED error', refused(200)],
    ['HTTP 401', refused(401)],
    ['HTTP 401 without a body', json(401, undefined)],
  ])('on %s: refreshes once and retries once', async (_what, first) => {
    const { request, sent, auth } = setup([first, json(200, { data: { answer: 42 } })]);
    expect(await request(doc, {})).toEqual({ answer: 42 });
    expect(auth.renew).toHaveBeenCalledWith('t1');
    expect(sent.map((s) => s.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
    expect(auth.signOut).not.toHaveBeenCalled();
  });

  it('refused again after the refresh: ends the session', async () => {
    const { request, sent, auth } = setup([refused(), refused(401)]);
    const e = await request(doc, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ message: SESSION_ENDED, code: 'UNAUTHENTICATED' });
    expect(sent).toHaveLength(2);
    expect(auth.renew).toHaveBeenCalledTimes(1);
    expect(auth.signOut).toHaveBeenCalledWith(SESSION_ENDED);
  });

  it("FORBIDDEN is an ApiError with the API's message: no retry, still signed in", async () => {
    const message = 'Role analyst may not generate reports: ask an administrator.';
    const { request, sent, auth } = setup([
      json(200, { data: null, errors: [{ message, extensions: { code: 'FORBIDDEN' } }] }),
    ]);
    await expect(request(doc, {})).rejects.toMatchObject({ message, code: 'FORBIDDEN' });
    expect(sent).toHaveLength(1);
    expect(auth.renew).not.toHaveBeenCalled();
    expect(auth.signOut).not.toHaveBeenCalled();
  });

  it('no session: fails without calling the API', async () => {
    const { request, sent, auth } = setup([]);
    auth.accessToken.mockRejectedValueOnce(new ApiError('Sign in first.', 'UNAUTHENTICATED'));
    await expect(request(doc, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(sent).toHaveLength(0);
  });

  it('other failures say what the API answered', async () => {
    const { request } = setup([json(502, undefined)]);
    await expect(request(doc, {})).rejects.toThrow('The API answered 502.');
  });
});
