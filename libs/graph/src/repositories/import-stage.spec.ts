import { bytesOf } from './import-stage';

describe('bytesOf', () => {
  it('reads the sizes Neo4j reports for its settings', () => {
    expect(bytesOf('5.60GiB')).toBeCloseTo(5.6 * 2 ** 30);
    expect(bytesOf('716.80MiB')).toBeCloseTo(716.8 * 2 ** 20);
    expect(bytesOf('512.00KiB')).toBe(512 * 1024);
    expect(bytesOf('2g')).toBe(2 * 2 ** 30);
    expect(bytesOf('0B')).toBe(0);
    expect(bytesOf('1000')).toBe(1000);
    expect(bytesOf('unlimited')).toBeNaN();
  });
});
