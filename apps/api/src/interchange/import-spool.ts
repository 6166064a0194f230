import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { IncomingMessage } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { RequestHandler } from 'express';
import { sendEarlyError } from '../common/http-error-body';
import { isMultipart, sizeInBytes } from './csv-upload';

/** An import body on disk: where, and how many bytes (decoded). */
export interface SpooledUpload {
  path: string;
  size: number;
}

export const spooledUpload = (req: object): SpooledUpload | undefined =>
  (req as { upload?: SpooledUpload }).upload;

const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/**
 * Writes an import's body (a document: not multipart) to a temporary file, deleted when the
 * response ends, instead of holding it as text (issue 21: a 1M-person JSON file is 600 MB, and as
 * text and parsed several times that). The import limit holds for the decoded body: a declared
 * Content-Length above it is refused before reading, a body that grows past it is cut off (413).
 * UTF-8 only (JSON and YAML files are); gzip, deflate and br bodies are decoded.
 */
export function spoolImports(limit: string, dir = os.tmpdir()): RequestHandler {
  const max = sizeInBytes(limit);
  const tooLarge = (url: string, res: Parameters<RequestHandler>[1]) =>
    sendEarlyError(
      url,
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `The request body is larger than the limit of ${limit} (RAMPART_IMPORT_BODY_LIMIT).`,
    );
  return (req, res, next) => {
    if (isMultipart(req) || req.method !== 'POST') return next();
    const refuse = (status: number, code: string, message: string) => {
      req.resume(); // let the rest of the body go, so the client reads the answer
      sendEarlyError(req.originalUrl, res, status, code, message);
    };
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2].toLowerCase();
    if (charset && !['utf-8', 'utf8', 'us-ascii'].includes(charset))
      return refuse(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Charset ${charset} is not supported: send the file as UTF-8.`,
      );
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity' && !DECODERS[encoding])
      return refuse(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content-Encoding ${encoding} is not supported (gzip, deflate, br).`,
      );
    if (Number(req.headers['content-length'] ?? 0) > max && encoding === 'identity') {
      req.resume();
      return tooLarge(req.originalUrl, res);
    }
    const file = path.join(dir, `rampart-upload-${randomUUID()}`);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > max ? new UploadTooLarge() : null, chunk);
      },
    });
    const remove = () => fs.rm(file, { force: true }, () => undefined);
    const first = encoding === 'identity' ? counter : DECODERS[encoding]();
    const stages = first === counter ? [counter] : [first, counter];
    // The request is piped, not part of the pipeline: a refusal must not destroy its socket
    // before the client reads the answer.
    const written = pipeline(...(stages as [Transform]), fs.createWriteStream(file, { mode: 0o600 }));
    req.on('error', (e) => first.destroy(e));
    req.on('aborted', () => first.destroy(new Error('the client closed the connection')));
    req.pipe(first);
    written.then(
      () => {
        (req as IncomingMessage & { upload?: SpooledUpload }).upload = { path: file, size };
        res.on('close', remove);
        next();
      },
      (e: unknown) => {
        remove();
        req.unpipe(first);
        if (req.destroyed || req.aborted) return; // the client went away
        if (e instanceof UploadTooLarge) {
          req.resume();
          return tooLarge(req.originalUrl, res);
        }
        refuse(400, 'MALFORMED_BODY', `Could not read the request body: ${(e as Error).message}`);
      },
    );
  };
}

class UploadTooLarge extends Error {}

/**
 * Reads an upload's text in pieces of about 1 MB for `visit`, which must only take matches that
 * start before the offset it is given: each piece repeats the previous one's last `overlap` + 1
 * characters (a match up to `overlap` long and the character before it), so a scan for words of
 * at most that length finds each once or twice, cut by no piece boundary.
 */
export async function scanUpload(
  upload: SpooledUpload,
  overlap: number,
  visit: (text: string, startingBefore: number) => void,
): Promise<void> {
  const file = await fs.promises.open(upload.path, 'r');
  const decoder = new StringDecoder('utf8');
  const buffer = Buffer.alloc(1 << 20);
  let carry = '';
  try {
    // One piece per turn of the event loop: a large upload does not stall other requests.
    for (let n = (await file.read(buffer)).bytesRead; n > 0; n = (await file.read(buffer)).bytesRead) {
      const text = carry + decoder.write(buffer.subarray(0, n));
      visit(text, text.length - overlap);
      carry = text.slice(Math.max(0, text.length - overlap - 1));
    }
    visit(carry + decoder.end(), Infinity);
  } finally {
    await file.close();
  }
}
