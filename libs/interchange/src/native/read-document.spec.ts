import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError } from '@rampart/domain';
import { fileHead, readDocument } from './read-document';

// Node's own functions unless a test says otherwise (a 600 MB file is not made for a unit test).
jest.mock('node:fs', () => {
  const real = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...real, readFileSync: jest.fn(real.readFileSync), statSync: jest.fn(real.statSync) };
});

describe('readDocument', () => {
  const file = path.join(os.tmpdir(), `rampart-read-document-${process.pid}.json`);
  beforeAll(() => fs.writeFileSync(file, '{"format":"rampart/v1"}'));
  afterAll(() => fs.rmSync(file, { force: true }));

  it('reads a file as text', () => {
    expect(readDocument(file)).toBe('{"format":"rampart/v1"}');
  });

  it('refuses a file longer than one string can hold: its size, the limit and what to do', () => {
    // What Node throws for a file over buffer.constants.MAX_STRING_LENGTH (about 512 MB).
    const tooLong = Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), {
      code: 'ERR_STRING_TOO_LONG',
    });
    jest.mocked(fs.readFileSync).mockImplementationOnce(() => {
      throw tooLong;
    });
    jest.mocked(fs.statSync).mockReturnValueOnce({ size: 640_123_456 } as fs.Stats);
    let error: unknown;
    try {
      readDocument(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(
      /^rampart-read-document-\d+\.json is 640 MB: a file is read whole before it is checked, and one read holds at most 537 MB\. Split it into several files/,
    );
  });

  it('passes other read errors on as they are', () => {
    expect(() => readDocument(`${file}.missing`)).toThrow(/ENOENT/);
  });

  it('fileHead reads the start of a file and leaves no file open', () => {
    const open = () => fs.readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 20; i++) expect(fileHead(file, 8)).toBe('{"format');
    expect(open()).toBe(before);
  });
});
