import { nativeToRows } from './native-to-rows';

const doc = {
  format: 'rampart/v1',
  organization: {
    id: 'org-x',
    name: 'X',
    responseForce: { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.9 },
  },
  classificationLevels: ['OFFICIAL', 'SECRET'],
  people: [
    { id: 'p-a', name: 'A', roles: ['RSE'], access: [{ to: 'sys-a', mode: 'admin', justification: 'ops' }] },
  ],
  systems: [
    {
      id: 'sys-a',
      name: 'Sys',
      hostedIn: 'fac-a',
      dependsOn: ['sys-idp'],
      businessImpact: { confidentiality: 2, integrity: 4, availability: 3 },
    },
  ],
  facilities: [{ id: 'fac-a', name: 'Room', locatedIn: 'fac-b', owner: 'p-a' }],
  controls: [{ id: 'ctl-a', name: 'C', protects: ['sys-a'], responsible: 'p-a', domains: ['cyber'] }],
  owners: [{ person: 'p-a', assets: ['sys-a'] }],
};

describe('nativeToRows', () => {
  const rows = nativeToRows(doc, 'x.yaml');
  const node = (id: string) => rows.nodes.find((n) => n.id === id)!;
  const rels = rows.relationships.map((r) => `${r.from}-${r.type}->${r.to}`);

  it('labels each section and stamps organisation and source', () => {
    expect(node('sys-a').labels).toEqual(['System', 'Asset']);
    expect(node('p-a').labels).toEqual(['Person', 'Asset']);
    expect(node('ctl-a').labels).toEqual(['Control']);
    expect(node('ctl-a').props).toMatchObject({
      organizationId: 'org-x',
      source: 'x.yaml',
      domains: ['cyber'],
    });
  });

  it('flattens business impact and stores criticality', () => {
    expect(node('sys-a').props).toMatchObject({
      impactConfidentiality: 2,
      impactIntegrity: 4,
      impactAvailability: 3,
      criticality: 4,
    });
    expect(node('fac-a').props.criticality).toBe(1);
    expect(node('org-x').props).toMatchObject({
      responseForceTimeSeconds: 300,
      classificationLevels: ['OFFICIAL', 'SECRET'],
    });
  });

  it('turns references into relationships in the directions of analytics.md §1', () => {
    expect(rels).toEqual(
      expect.arrayContaining([
        'sys-a-HOSTED_IN->fac-a',
        'sys-a-DEPENDS_ON->sys-idp',
        'fac-a-LOCATED_IN->fac-b',
        'p-a-OWNS->fac-a',
        'p-a-OWNS->sys-a',
        'ctl-a-PROTECTS->sys-a',
        'p-a-RESPONSIBLE_FOR->ctl-a',
        'p-a-HOLDS_ROLE->org-x',
        'p-a-HAS_ACCESS->sys-a',
      ]),
    );
    expect(rows.relationships.find((r) => r.type === 'HAS_ACCESS')!.props).toEqual({
      mode: 'admin',
      justification: 'ops',
    });
    expect(node('sys-a').props).not.toHaveProperty('hostedIn');
  });
});
