import { AuditedOperations } from './audit.interceptor';

describe('AuditedOperations', () => {
  it('tracks operations until they end, failures included, and answers what they answer', async () => {
    const ops = new AuditedOperations();
    let finish!: (v: string) => void;
    const a = ops.run(new AbortController(), () => new Promise<string>((r) => (finish = r)));
    const b = ops.run(new AbortController(), () => Promise.reject(new Error('refused')));
    await expect(b).rejects.toThrow('refused');
    expect(ops.count).toBe(1);
    finish('done');
    await expect(a).resolves.toBe('done');
    await Promise.resolve();
    expect(ops.count).toBe(0);
  });

  it('interrupts every running operation with the reason, and waits for them (bounded)', async () => {
    const ops = new AuditedOperations();
    const reasons: unknown[] = [];
    const interruptible = (controller: AbortController) =>
      ops.run(
        controller,
        () =>
          new Promise<void>((resolve) =>
            controller.signal.addEventListener('abort', () => {
              reasons.push(controller.signal.reason);
              // Rolling back and appending the record take a moment.
              setTimeout(resolve, 20);
            }),
          ),
      );
    void interruptible(new AbortController());
    void interruptible(new AbortController());
    expect(ops.interruptAll('Rampart shut down')).toBe(2);
    expect(reasons).toEqual(['Rampart shut down', 'Rampart shut down']);
    await expect(ops.settled(2000)).resolves.toBe(true);
    expect(ops.count).toBe(0);

    void ops.run(new AbortController(), () => new Promise<void>(() => undefined));
    await expect(ops.settled(30)).resolves.toBe(false);
  });
});
