import { ApiError } from './api-error';
import type { TypedDocumentString } from './generated';
import { type HttpFetch, SESSION_ENDED, type Session, session } from './session';

export { ApiError } from './api-error';

interface GraphqlAnswer<R> {
  data?: R;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export type Request = <R, V>(doc: TypedDocumentString<R, V>, variables?: V) => Promise<R>;

/**
 * Sends typed operations to /graphql with the session's bearer token. An UNAUTHENTICATED answer
 * (GraphQL code, or HTTP 401) gets one refresh and one retry; a second one ends the session and
 * the app shows the sign-in page. FORBIDDEN and every other error is thrown as ApiError: its
 * message says what was refused and why.
 */
export function createRequest(
  auth: Pick<Session, 'accessToken' | 'renew' | 'signOut'>,
  send: HttpFetch = (url, init) => fetch(url, init),
): Request {
  return async function request<R, V>(doc: TypedDocumentString<R, V>, variables?: V): Promise<R> {
    const payload = JSON.stringify({ query: doc.toString(), variables });
    const post = async (token: string) => {
      const res = await send('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: payload,
      });
      const body = ((await res.json().catch(() => undefined)) ?? {}) as GraphqlAnswer<R>;
      const unauthenticated =
        res.status === 401 || Boolean(body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
      return { res, body, unauthenticated };
    };
    const token = await auth.accessToken();
    let answer = await post(token);
    if (answer.unauthenticated) {
      answer = await post(await auth.renew(token));
      if (answer.unauthenticated) {
        void auth.signOut(SESSION_ENDED);
        throw new ApiError(SESSION_ENDED, 'UNAUTHENTICATED');
      }
    }
    const { res, body } = answer;
    if (body.errors?.length) throw new ApiError(body.errors[0].message, body.errors[0].extensions?.code);
    if (!res.ok || !body.data) throw new ApiError(`The API answered ${res.status}.`);
    return body.data;
  };
}

/** Sends one typed operation to the API's /graphql and returns its data, or throws ApiError. */
export const request: Request = createRequest(session);
