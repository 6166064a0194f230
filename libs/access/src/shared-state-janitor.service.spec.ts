import { SharedStateRepository } from '@rampart/graph';
import { LEASES_KEPT_MS, SharedStateJanitor } from './shared-state-janitor.service';

describe('SharedStateJanitor', () => {
  it('deletes what expired by now and leases of due times a week past; a failure is logged, not thrown', async () => {
    const calls: number[][] = [];
    let fail = false;
    const repository = {
      deleteExpired: async (now: number, leasesBefore: number) => {
        calls.push([now, leasesBefore]);
        if (fail) throw new Error('Neo4j cannot be reached');
        return { counters: 2, logins: 1, leases: 0 };
      },
    } as unknown as SharedStateRepository;
    const janitor = new SharedStateJanitor(repository);
    expect(await janitor.sweep(LEASES_KEPT_MS + 5)).toEqual({ counters: 2, logins: 1, leases: 0 });
    expect(calls).toEqual([[LEASES_KEPT_MS + 5, 5]]);
    fail = true;
    expect(await janitor.sweep(10)).toBeNull();
  });
});
