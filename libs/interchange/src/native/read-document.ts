import * as fs from 'node:fs';
import * as path from 'node:path';
import { constants } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { DomainError } from '@rampart/domain';
import { InputLimits } from './input-limits';
import { JsonEntry, jsonEntries } from './json-entries';

/**
 * A document file as text. An import reads a file whole before it is checked (and writes it in
 * one transaction), so one longer than the longest string V8 can hold (about 512 MB: a generated
 * organisation of about 900k people) is refused with what to do instead of a stack trace.
 * (`rampart validate` reads a JSON file entry by entry instead: jsonFileEntries.)
 */
export function readDocument(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_STRING_TOO_LONG') throw e;
    const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
    throw new DomainError(
      'VALIDATION_FAILED',
      `${path.basename(file)} is ${mb(fs.statSync(file).size)}: a file is read whole before it is checked, ` +
        `and one read holds at most ${mb(constants.MAX_STRING_LENGTH)}. Split it into several files ` +
        '(a file without an organization section adds to the organisation given with --org); each is checked and imported on its own. ' +
        '`rampart validate` checks a JSON file of any size.',
      { file, limit: 'MAX_STRING_LENGTH' },
    );
  }
}

/** A file's text in pieces of about `size` bytes (UTF-8 sequences kept whole), for jsonEntries. */
export function* filePieces(file: string, size = 1 << 20): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const decoder = new StringDecoder('utf8');
    for (;;) {
      const n = fs.readSync(fd, buffer, 0, size, null);
      if (!n) break;
      yield decoder.write(buffer.subarray(0, n));
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** A JSON document file entry by entry (jsonEntries), read in pieces; the file closes however reading ends. */
export function* jsonFileEntries(file: string, limits: InputLimits): Generator<JsonEntry> {
  const pieces = filePieces(file);
  try {
    yield* jsonEntries(() => {
      const r = pieces.next();
      return r.done ? undefined : r.value;
    }, limits);
  } finally {
    pieces.return(undefined);
  }
}

/** The first `size` characters of a file (to recognise its format without reading it all). */
export function fileHead(file: string, size = 4096): string {
  const pieces = filePieces(file, size);
  try {
    const r = pieces.next();
    return r.done ? '' : r.value;
  } finally {
    pieces.return(undefined); // closes the file: the generator stopped at its first piece
  }
}
