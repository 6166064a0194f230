import * as zlib from 'node:zlib';

/** One file of an archive: its name (UTF-8, `/`-separated) and its content. */
export interface ZipEntry {
  name: string;
  data: Buffer | string;
}

/** 1980-01-01 00:00:00, the first DOS date: fixed, so that the same files give the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
const STORED = 0;
const DEFLATED = 8;
/** 2.0: deflate. */
const VERSION = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION;
/** S_IFREG | 0644, the external attributes of a Unix-made entry. */
const REGULAR_FILE = 0o100644;

/**
 * A ZIP archive (APPNOTE 6.3: local headers, central directory, end record; no ZIP64, so under
 * 4 GiB and 65535 entries). Each entry is deflated, or stored when deflate does not make it smaller.
 */
export function zip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} entries; at most 65535`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const [method, body] = deflated.length < data.length ? [DEFLATED, deflated] : [STORED, data];
    const crc = zlib.crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    // Made by Unix (so that readers take the name as it is, not as an OEM code page), files rw-r--r--.
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE(REGULAR_FILE * 0x10000, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * The entries of an archive this module wrote (stored or deflated, no ZIP64), read through its
 * central directory; each CRC is checked. For tests and for reading an export back.
 */
export function unzip(archive: Buffer): { name: string; data: Buffer }[] {
  const endAt = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('unzip: no end of central directory record');
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let n = 0; n < count; n++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`unzip: bad central header ${n}`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + skip;
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`unzip: bad local header of ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const body = archive.subarray(start, start + size);
    const data =
      method === STORED
        ? Buffer.from(body)
        : method === DEFLATED
          ? zlib.inflateRawSync(body)
          : (() => {
              throw new Error(`unzip: ${name}: compression method ${method}`);
            })();
    if (zlib.crc32(data) !== crc) throw new Error(`unzip: ${name}: CRC mismatch`);
    out.push({ name, data });
  }
  return out;
}
