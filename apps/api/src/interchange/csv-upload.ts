import { IncomingHttpHeaders } from 'node:http';
import { RequestHandler } from 'express';
import multer from 'multer';

/** One uploaded file of a multipart import: what the controller reads of multer's file. */
export interface UploadedCsv {
  originalname: string;
  buffer: Buffer;
}

export const isMultipart = (req: { headers: IncomingHttpHeaders }) =>
  /^multipart\/form-data(;|$)/i.test((req.headers['content-type'] ?? '').trim());

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** A size of the config (`100mb`, `500kb`, `1000b`) in bytes, as the body parsers count it. */
export function sizeInBytes(size: string): number {
  const m = /^(\d+)(b|kb|mb)$/i.exec(size.trim());
  if (!m) throw new Error(`not a size: "${size}" (expected a number with b, kb or mb)`);
  return Number(m[1]) * UNITS[m[2].toLowerCase()];
}

/**
 * Reads a `multipart/form-data` import (one file part per CSV file) into `req.files`, in memory,
 * and leaves other requests to the text parser. The import body limit holds for the whole body:
 * a declared Content-Length above it is refused before reading, every file is cut off at the
 * limit, and the files together must stay within it. Errors answer in the API's error shape.
 */
export function csvUploads(limit: string): RequestHandler {
  const max = sizeInBytes(limit);
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: max, files: 32, fields: 16, fieldSize: 64 * 1024, parts: 64 },
  }).any();
  return (req, res, next) => {
    if (!isMultipart(req)) return next();
    const fail = (status: number, message: string) => {
      req.resume(); // let the rest of the body go, so the client reads the answer
      res.status(status).json({ error: { code: 'HTTP_ERROR', message } });
    };
    const tooLarge = `The import body is larger than the limit of ${limit} (RAMPART_IMPORT_BODY_LIMIT).`;
    if (Number(req.headers['content-length'] ?? 0) > max) return fail(413, tooLarge);
    upload(req, res, (err: unknown) => {
      if (err) {
        const e = err as { code?: string; message?: string };
        return e.code === 'LIMIT_FILE_SIZE'
          ? fail(413, tooLarge)
          : fail(400, `Could not read the multipart body: ${e.message ?? String(err)}`);
      }
      const files = (req.files ?? []) as { size: number }[];
      if (files.reduce((n, f) => n + f.size, 0) > max) return fail(413, tooLarge);
      next();
    });
  };
}
