import { unzipSync, zipSync, type Zippable } from 'fflate';

/** One file of an archive: its name (UTF-8, `/`-separated) and its content. */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

/**
 * 1980-01-01 00:00, the first DOS date (a wall-clock time, so built in local time): fixed, so that
 * the same files give the same bytes.
 */
const MTIME = new Date(1980, 0, 1);
/** Made by Unix (readers take the name as it is, not as an OEM code page), files rw-r--r--. */
const UNIX = 3;
const REGULAR_FILE = 0o100644 * 0x10000;

/**
 * A ZIP archive written by fflate: each entry deflated (level 9), names flagged UTF-8 where they
 * need it, no ZIP64 (so under 4 GiB and 65535 entries). Entry names must differ.
 */
export function zip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} entries; at most 65535`);
  const files: Zippable = {};
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.name)) throw new Error(`zip: two entries named ${entry.name}`);
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    files[entry.name] = [data, { level: 9, mtime: MTIME, os: UNIX, attrs: REGULAR_FILE }];
  }
  const archive = zipSync(files);
  return Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
}

/** The entries of an archive (stored or deflated), in archive order. For tests and for reading an export back. */
export function unzip(archive: Buffer): { name: string; data: Buffer }[] {
  return Object.entries(unzipSync(archive)).map(([name, data]) => ({
    name,
    data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  }));
}
