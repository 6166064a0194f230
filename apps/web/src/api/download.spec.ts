import { ApiError } from './api-error';
import { type FileFetch, createGetFile, fileNameOf, reportUrl } from './download';
import { SESSION_ENDED } from './session';

type Answer = Awaited<ReturnType<FileFetch>>;
const answer = (status: number, body: unknown, disposition?: string): Answer => ({
  ok: status >= 200 && status < 300,
  status,
  headers: { get: (n) => (n === 'content-disposition' ? (disposition ?? null) : null) },
  blob: async () => new Blob([String(body)]),
  json: async () => body,
});

function setup(answers: Answer[]) {
  const calls: { url: string; auth: string }[] = [];
  const send: FileFetch = async (url, init) => {
    calls.push({ url, auth: init.headers.authorization });
    return answers.shift() as Answer;
  };
  const auth = {
    accessToken: jest.fn(async () => 'old'),
    renew: jest.fn(async () => 'new'),
    signOut: jest.fn(async () => undefined),
  };
  return { calls, auth, getFile: createGetFile(auth, send) };
}

describe('report downloads', () => {
  it('ask for one organisation’s report in a format', () => {
    expect(reportUrl('posture', 'pdf', 'org-gen-5')).toBe(
      '/api/reports/posture?format=pdf&organizationId=org-gen-5',
    );
  });

  it('read the file name the API gives', () => {
    expect(fileNameOf('attachment; filename="rampart-posture-org-acme-2026-11-01.pdf"')).toBe(
      'rampart-posture-org-acme-2026-11-01.pdf',
    );
    expect(fileNameOf(null)).toBeUndefined();
  });

  it('send the bearer token and return the file with its name', async () => {
    const { calls, getFile } = setup([answer(200, 'a,b', 'attachment; filename="r.csv"')]);
    const file = await getFile('/api/reports/uncovered?format=csv');
    expect(calls).toEqual([{ url: '/api/reports/uncovered?format=csv', auth: 'Bearer old' }]);
    expect(file.fileName).toBe('r.csv');
    expect(await file.blob.text()).toBe('a,b');
  });

  it('refresh once on 401 and retry with the new token', async () => {
    const { calls, auth, getFile } = setup([answer(401, {}), answer(200, 'x')]);
    await getFile('/api/reports/plan?format=md');
    expect(auth.renew).toHaveBeenCalledWith('old');
    expect(calls.map((c) => c.auth)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('end the session on a second 401', async () => {
    const { auth, getFile } = setup([answer(401, {}), answer(401, {})]);
    await expect(getFile('/api/reports/plan?format=md')).rejects.toEqual(new ApiError(SESSION_ENDED));
    expect(auth.signOut).toHaveBeenCalledWith(SESSION_ENDED);
  });

  it('throw the API’s message on a refusal', async () => {
    const { getFile } = setup([answer(403, { error: { code: 'FORBIDDEN', message: 'Not for auditors.' } })]);
    const e = (await getFile('/api/reports/plan?format=md').catch((x: unknown) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect([e.message, e.code]).toEqual(['Not for auditors.', 'FORBIDDEN']);
  });
});
