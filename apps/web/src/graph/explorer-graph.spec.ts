import { explorerElements, mergeNeighbourhoods } from './explorer-graph';

const e = (id: string, labels: string[], extra = {}) => ({ id, name: id, labels, ...extra });

describe('explorer graph', () => {
  const graph = mergeNeighbourhoods([
    {
      entity: e('sys-a', ['System', 'Asset']),
      relationships: [
        {
          type: 'PROTECTS',
          direction: 'IN',
          node: e('ctl-mfa', ['Control'], { domains: ['cyber'], status: 'implemented' }),
        },
        {
          type: 'PROTECTS',
          direction: 'IN',
          node: e('ctl-lock', ['Control'], { domains: ['physical'], status: 'planned' }),
        },
        { type: 'HOSTED_IN', direction: 'OUT', node: e('fac-r', ['Facility', 'Asset']) },
      ],
    },
    {
      entity: e('fac-r', ['Facility', 'Asset']),
      relationships: [{ type: 'HOSTED_IN', direction: 'IN', node: e('sys-a', ['System', 'Asset']) }],
    },
  ]);

  it('keeps each entity once and orients each relationship from its source', () => {
    expect([...graph.nodes.keys()]).toEqual(['sys-a', 'ctl-mfa', 'ctl-lock', 'fac-r']);
    expect([...graph.edges.keys()]).toEqual([
      'ctl-mfa>sys-a:PROTECTS',
      'ctl-lock>sys-a:PROTECTS',
      'sys-a>fac-r:HOSTED_IN',
    ]);
  });

  it('filters by kind, control domain and status, keeping the focus and only edges between shown nodes', () => {
    const ids = (f: Parameters<typeof explorerElements>[1], focus?: string) =>
      explorerElements(graph, f, focus).map((x) => x.data.id);
    expect(ids({ kinds: ['Control'], domains: [], statuses: [] }, 'sys-a')).toEqual([
      'sys-a',
      'ctl-mfa',
      'ctl-lock',
      'ctl-mfa>sys-a:PROTECTS',
      'ctl-lock>sys-a:PROTECTS',
    ]);
    expect(ids({ kinds: [], domains: ['physical'], statuses: [] })).not.toContain('ctl-mfa');
    expect(ids({ kinds: [], domains: [], statuses: ['implemented'] })).not.toContain('ctl-lock');
    expect(ids({ kinds: ['Facility'], domains: [], statuses: [] })).toEqual(['fac-r']);
  });
});
