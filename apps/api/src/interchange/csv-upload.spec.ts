import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { UploadedCsv, csvUploads, isMultipart, sizeInBytes } from './csv-upload';

/** An app with only the upload middleware, answering with what it read. */
function app(limit: string) {
  const a = express();
  a.use(csvUploads(limit));
  a.use((req, res) => {
    const files = (req.files ?? []) as UploadedCsv[];
    res.json({ files: files.map((f) => [f.originalname, f.buffer.toString('utf8')]) });
  });
  return a;
}

/** Posts files of the given sizes as multipart, in chunks, with no Content-Length; answers the status. */
function postChunked(port: number, files: [string, number][]): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      {
        port,
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ', 'transfer-encoding': 'chunked' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    for (const [name, size] of files) {
      req.write(`--XyZ\r\nContent-Disposition: form-data; name="f"; filename="${name}"\r\n\r\n`);
      for (let sent = 0; sent < size; sent += 100) req.write(Buffer.alloc(Math.min(100, size - sent), 'x'));
      req.write('\r\n');
    }
    req.end('--XyZ--\r\n');
  });
}

describe('csvUploads', () => {
  it('reads every file part into memory with its name', async () => {
    const res = await request(app('1kb'))
      .post('/')
      .attach('files', Buffer.from('id,name\nou-a,A\n'), 'org-units.csv')
      .attach('other', Buffer.from('id,name\n'), 'people.csv')
      .expect(200);
    expect(res.body.files).toEqual([
      ['org-units.csv', 'id,name\nou-a,A\n'],
      ['people.csv', 'id,name\n'],
    ]);
  });

  it('leaves other bodies alone', async () => {
    const res = await request(app('1kb')).post('/').set('content-type', 'text/csv').send('a,b').expect(200);
    expect(res.body.files).toEqual([]);
  });

  it('refuses a body whose declared length is above the limit', async () => {
    const big = Buffer.alloc(1500, 'x');
    const declared = await request(app('1kb')).post('/').attach('f', big, 'people.csv').expect(413);
    expect(declared.body).toEqual({
      error: {
        code: 'HTTP_ERROR',
        message: 'The import body is larger than the limit of 1kb (RAMPART_IMPORT_BODY_LIMIT).',
      },
    });
    const half = Buffer.alloc(600, 'x');
    await request(app('1kb'))
      .post('/')
      .attach('a', half, 'people.csv')
      .attach('b', half, 'systems.csv')
      .expect(413);
  });

  it('counts a chunked body without a Content-Length as it arrives', async () => {
    const server = app('1kb').listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      expect(await postChunked(port, [['people.csv', 300]])).toBe(200);
      expect(await postChunked(port, [['people.csv', 1600]])).toBe(413);
      expect(
        await postChunked(port, [
          ['people.csv', 600],
          ['systems.csv', 600],
        ]),
      ).toBe(413);
    } finally {
      server.close();
    }
  });

  it('answers 400 for a malformed multipart body', async () => {
    const res = await request(app('1kb'))
      .post('/')
      .set('content-type', 'multipart/form-data; boundary=XyZ')
      .send('--XyZ\r\nContent-Disposition: form-data; name="f"; filename="a.csv"\r\n\r\nno end')
      .expect(400);
    expect(res.body.error.message).toMatch(/^Could not read the multipart body: /);
  });
});

describe('isMultipart and sizeInBytes', () => {
  it('tell a multipart request and read the config sizes as the body parsers do', () => {
    expect(isMultipart({ headers: { 'content-type': 'multipart/form-data; boundary=x' } })).toBe(true);
    expect(isMultipart({ headers: { 'content-type': 'Multipart/Form-Data' } })).toBe(true);
    expect(isMultipart({ headers: { 'content-type': 'multipart/mixed' } })).toBe(false);
    expect(isMultipart({ headers: {} })).toBe(false);
    expect(sizeInBytes('100mb')).toBe(100 * 1024 * 1024);
    expect(sizeInBytes('500KB')).toBe(500 * 1024);
    expect(sizeInBytes('10b')).toBe(10);
    expect(() => sizeInBytes('1gb')).toThrow(/not a size/);
  });
});
