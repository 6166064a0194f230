import { ServerResponse } from 'node:http';

/**
 * Errors answered before Nest sees the request (rate limit, body size): the REST error body, or a
 * GraphQL error body on /graphql so GraphQL clients read `errors[].extensions.code` as usual.
 */
export function sendEarlyError(
  url: string,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body = url.startsWith('/graphql')
    ? { errors: [{ message, extensions: { code } }] }
    : { error: { code, message } };
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
