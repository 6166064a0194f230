import { ApiError } from './api-error';
import { SESSION_ENDED, type Session, session } from './session';

/** The part of fetch a download uses (the browser's fetch fits; tests pass a fake). */
export type FileFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string> },
) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  blob(): Promise<Blob>;
  json(): Promise<unknown>;
}>;

export interface DownloadedFile {
  blob: Blob;
  /** The name the API gave it (content-disposition), if any. */
  fileName?: string;
}

/** The file name of a content-disposition header: `attachment; filename="x.pdf"`. */
export const fileNameOf = (disposition: string | null): string | undefined =>
  /filename="([^"]+)"/.exec(disposition ?? '')?.[1];

/** GET /api/reports/<name>: the report of one organisation, generated now. */
export const reportUrl = (name: string, format: string, organizationId: string): string =>
  `/api/reports/${encodeURIComponent(name)}?${new URLSearchParams({ format, organizationId })}`;

/**
 * Fetches a file from the REST API with the session's bearer token (a plain link cannot carry
 * it): one refresh and one retry on 401, as GraphQL requests do; any other refusal is thrown as
 * ApiError with the API's message.
 */
export function createGetFile(
  auth: Pick<Session, 'accessToken' | 'renew' | 'signOut'>,
  send: FileFetch = (url, init) => fetch(url, init),
): (url: string) => Promise<DownloadedFile> {
  return async (url) => {
    const get = (token: string) =>
      send(url, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
    const token = await auth.accessToken();
    let res = await get(token);
    if (res.status === 401) {
      res = await get(await auth.renew(token));
      if (res.status === 401) {
        void auth.signOut(SESSION_ENDED);
        throw new ApiError(SESSION_ENDED, 'UNAUTHENTICATED');
      }
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => undefined)) as
        { error?: { code?: string; message?: string } } | undefined;
      throw new ApiError(body?.error?.message ?? `The API answered ${res.status}.`, body?.error?.code);
    }
    return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition')) };
  };
}

export const getFile = createGetFile(session);

/** Hands a file to the browser as a download. */
export function saveFile(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.click();
  // After the click has started the download.
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
