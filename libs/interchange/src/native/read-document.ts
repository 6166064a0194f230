import * as fs from 'node:fs';
import * as path from 'node:path';
import { constants } from 'node:buffer';
import { DomainError } from '@rampart/domain';

/**
 * A document file as text. A file is read whole before it is checked (and written in one
 * transaction), so one longer than the longest string V8 can hold (about 512 MB: a generated
 * organisation of about 900k people) is refused with what to do instead of a stack trace.
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
        '(a file without an organization section adds to the organisation given with --org); each is checked and imported on its own.',
      { file, limit: 'MAX_STRING_LENGTH' },
    );
  }
}
