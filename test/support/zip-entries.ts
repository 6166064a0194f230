import { unzip } from '@rampart/interchange';

/** The files of a ZIP body (a CSV export) as UTF-8 texts, by name, in archive order. */
export function zipTexts(body: Buffer): { name: string; text: string }[] {
  return unzip(body).map((e) => ({ name: e.name, text: e.data.toString('utf8') }));
}

/** For supertest: keep a binary response body as a Buffer (`.buffer(true).parse(binaryBody)`). */
export function binaryBody(response: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (e: Error) => done(e, Buffer.alloc(0)));
}
