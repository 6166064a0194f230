import { SharedRead, graphVersionOf } from './shared-read';
import { AnalyticsRepository } from './repositories/analytics.repository';

/** A read that stays pending until released, counting how often it started. */
function gate() {
  const started: ((v: number) => void)[] = [];
  const read = () => new Promise<number>((resolve) => started.push(resolve));
  return { read, started };
}

describe('SharedRead', () => {
  it('costs at most two reads however many ask at the same moment', async () => {
    const { read, started } = gate();
    const shared = new SharedRead(read);
    const asks = Array.from({ length: 1000 }, () => shared.get());
    expect(started).toHaveLength(1);
    started[0](7);
    await new Promise((r) => setImmediate(r));
    expect(started).toHaveLength(2);
    started[1](8);
    expect(await Promise.all(asks)).toEqual([7, ...Array(999).fill(8)]);
  });

  it('never hands a later caller a read that started before it asked: it joins the next one', async () => {
    const { read, started } = gate();
    const shared = new SharedRead(read);
    const first = shared.get();
    const later = [shared.get(), shared.get()];
    expect(started).toHaveLength(1);
    started[0](1); // e.g. the version before a write the later callers must see
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(started).toHaveLength(2);
    started[1](2);
    expect(await Promise.all(later)).toEqual([2, 2]);
  });

  it('passes a failure to those who shared the read, and reads again afterwards', async () => {
    let n = 0;
    const shared = new SharedRead(async () => {
      n += 1;
      if (n === 1) throw new Error('down');
      return n;
    });
    await expect(Promise.all([shared.get(), shared.get()])).rejects.toThrow('down');
    expect(await shared.get()).toBeGreaterThan(1);
  });

  it('keeps one shared version read per repository', async () => {
    let reads = 0;
    const repo = { graphVersion: async () => (reads += 1) } as unknown as AnalyticsRepository;
    await Promise.all([graphVersionOf(repo), graphVersionOf(repo), graphVersionOf(repo)]);
    expect(reads).toBeLessThanOrEqual(2);
  });
});
