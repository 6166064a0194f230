import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { unzip, zip } from './zip';

const ENTRIES = [
  { name: 'organization.csv', data: 'id,name\r\norg-a,Acme\r\n' },
  { name: 'people.csv', data: `id,name\r\n${'p-x,"Ng, Ann"\r\n'.repeat(200)}` },
  { name: 'ünïcödé.csv', data: Buffer.from([0, 1, 2, 255]) },
  { name: 'empty.csv', data: '' },
];
const bytes = (d: string | Buffer) => (typeof d === 'string' ? Buffer.from(d, 'utf8') : d);
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

describe('zip', () => {
  const archive = zip(ENTRIES);

  it('reads back entry by entry, deflated, names flagged UTF-8 where they need it', () => {
    expect(unzip(archive)).toEqual(ENTRIES.map((e) => ({ name: e.name, data: bytes(e.data) })));
    // people.csv repeats itself: deflated.
    expect(archive.length).toBeLessThan(bytes(ENTRIES[1].data).length);
    const directory = archive.readUInt32LE(archive.length - 22 + 16);
    const centralOf = (name: string) => archive.indexOf(Buffer.from(name), directory);
    expect(archive.readUInt16LE(centralOf('people.csv') - 46 + 10)).toBe(8);
    expect(archive.readUInt16LE(centralOf('ünïcödé.csv') - 46 + 8) & 0x0800).toBe(0x0800);
    expect(archive.readUInt32LE(centralOf('organization.csv') - 46 + 16)).toBe(zlib.crc32(ENTRIES[0].data));
    // Made by Unix, rw-r--r--, dated 1980-01-01 00:00 (DOS date 0x0021, time 0).
    expect(archive.readUInt8(centralOf('people.csv') - 46 + 5)).toBe(3);
    expect(archive.readUInt32LE(centralOf('people.csv') - 46 + 38)).toBe(0o100644 * 0x10000);
    expect(archive.readUInt16LE(centralOf('people.csv') - 46 + 12)).toBe(0);
    expect(archive.readUInt16LE(centralOf('people.csv') - 46 + 14)).toBe(0x21);
  });

  it('gives the same bytes for the same files (a fixed timestamp)', () => {
    expect(zip(ENTRIES).equals(archive)).toBe(true);
    expect(zip([]).equals(Buffer.from('504b0506' + '00'.repeat(18), 'hex'))).toBe(true);
  });

  it('refuses two entries of one name, and what is not an archive', () => {
    expect(() => zip([ENTRIES[0], ENTRIES[0]])).toThrow(/two entries named organization\.csv/);
    expect(() => unzip(Buffer.from('id,name\r\n'.repeat(10)))).toThrow();
  });

  (hasUnzip ? it : it.skip)('is read by the system unzip', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-zip-'));
    try {
      const file = path.join(dir, 'set.zip');
      fs.writeFileSync(file, archive);
      const test = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
      expect(test.stderr).toBe('');
      expect(test.status).toBe(0);
      const list = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
      expect(list.stdout.split('\n').filter(Boolean)).toEqual(ENTRIES.map((e) => e.name));
      for (const e of ENTRIES) {
        const out = spawnSync('unzip', ['-p', file, e.name.replace(/[[\]*?]/g, '\\$&')]);
        expect(out.stdout).toEqual(bytes(e.data));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
