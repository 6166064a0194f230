import { coverageDataOf } from './coverage-data';
import { tiny } from './testing/graph-builder';

/**
 * fac-b contains fac-r contains sys-a, which stores inf-x and inf-y. People with access:
 * fac-b p-1 p-2; fac-r p-2 p-3; sys-a p-3 p-4; inf-x p-1 p-5. Vetting protects p-1 and p-3.
 */
const g = () =>
  tiny({
    nodes: Object.fromEntries(
      ['fac-b', 'fac-r', 'sys-a', 'inf-x', 'inf-y', 'p-1', 'p-2', 'p-3', 'p-4', 'p-5'].map((id) => [id, {}]),
    ),
    steps: [
      ['fac-b', 'fac-r', 'physical'],
      ['fac-r', 'sys-a', 'physical'],
      ['sys-a', 'inf-x', 'logical'],
      ['sys-a', 'inf-y', 'logical'],
      ['p-1', 'fac-b', 'physical'],
      ['p-2', 'fac-b', 'physical'],
      ['p-2', 'fac-r', 'physical'],
      ['p-3', 'fac-r', 'physical'],
      ['p-3', 'sys-a', 'access'],
      ['p-4', 'sys-a', 'access'],
      ['p-1', 'inf-x', 'access'],
      ['p-5', 'inf-x', 'access'],
    ],
    controls: [
      {
        id: 'c-vet',
        effectiveness: 0.6,
        domains: ['personnel'],
        vectors: ['access'],
        protects: ['p-1', 'p-3'],
      },
    ],
  });

describe('coverage inputs from the attack graph, by hand', () => {
  it('counts each person once over the asset and its whole container chain', () => {
    const graph = g();
    // Asked in an order that makes later assets reuse the memoised outer chains.
    const [x, sys, y, room] = ['inf-x', 'sys-a', 'inf-y', 'fac-r'].map((id) => coverageDataOf(graph, id));
    expect(x?.containers.map((c) => c.id)).toEqual(['sys-a', 'fac-r', 'fac-b']);
    expect(x?.access).toMatchObject({ people: 5, protectedPeople: 2 });
    expect(y?.access).toMatchObject({ people: 4, protectedPeople: 2 });
    expect(sys?.access).toMatchObject({ people: 4, protectedPeople: 2 });
    expect(room?.access).toMatchObject({ people: 3, protectedPeople: 2 });
    expect(x?.access.controls.map((c) => c.id)).toEqual(['c-vet']);
  });

  it('gives the same answers whatever order the assets are asked in', () => {
    const fresh = ['fac-r', 'inf-y', 'sys-a', 'inf-x'].map((id) => coverageDataOf(g(), id)?.access);
    const reused = g();
    const memo = ['fac-r', 'inf-y', 'sys-a', 'inf-x'].map((id) => coverageDataOf(reused, id)?.access);
    expect(memo).toEqual(fresh);
    expect(fresh.map((a) => a?.people)).toEqual([3, 4, 4, 5]);
  });
});
