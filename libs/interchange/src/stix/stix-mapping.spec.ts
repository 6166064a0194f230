import { StixBundle, catalogueOf, stixToRows } from './stix-mapping';

const ref = (source_name: string, external_id?: string) => [
  { source_name, external_id, url: `https://x/${external_id}` },
];

const bundle: StixBundle = {
  type: 'bundle',
  objects: [
    {
      type: 'attack-pattern',
      id: 'attack-pattern--1',
      name: 'Valid Accounts',
      external_references: ref('mitre-attack', 'T1078'),
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }],
      x_mitre_platforms: ['Windows'],
    },
    {
      type: 'attack-pattern',
      id: 'attack-pattern--2',
      name: 'Cloud Accounts',
      external_references: ref('mitre-attack', 'T1078.004'),
      x_mitre_is_subtechnique: true,
    },
    {
      type: 'attack-pattern',
      id: 'attack-pattern--old',
      name: 'Old',
      external_references: ref('mitre-attack', 'T9999'),
      revoked: true,
    },
    {
      type: 'course-of-action',
      id: 'course-of-action--1',
      name: 'Multi-factor Authentication',
      external_references: ref('mitre-attack', 'M1032'),
    },
    {
      type: 'course-of-action',
      id: 'course-of-action--dep',
      name: 'Deprecated',
      external_references: ref('mitre-attack', 'M9999'),
      x_mitre_deprecated: true,
    },
    {
      type: 'intrusion-set',
      id: 'intrusion-set--1',
      name: 'FIN7',
      description: 'FIN7 is a financially motivated threat group',
      external_references: ref('mitre-attack', 'G0046'),
    },
    { type: 'malware', id: 'malware--1', name: 'Carbanak' },
    {
      type: 'relationship',
      id: 'relationship--1',
      relationship_type: 'uses',
      source_ref: 'intrusion-set--1',
      target_ref: 'attack-pattern--1',
    },
    {
      type: 'relationship',
      id: 'relationship--2',
      relationship_type: 'mitigates',
      source_ref: 'course-of-action--1',
      target_ref: 'attack-pattern--1',
    },
    {
      type: 'relationship',
      id: 'relationship--3',
      relationship_type: 'subtechnique-of',
      source_ref: 'attack-pattern--2',
      target_ref: 'attack-pattern--1',
    },
    {
      type: 'relationship',
      id: 'relationship--4',
      relationship_type: 'uses',
      source_ref: 'malware--1',
      target_ref: 'attack-pattern--1',
    },
    {
      type: 'relationship',
      id: 'relationship--5',
      relationship_type: 'mitigates',
      source_ref: 'course-of-action--dep',
      target_ref: 'attack-pattern--1',
    },
    {
      type: 'relationship',
      id: 'relationship--6',
      relationship_type: 'uses',
      source_ref: 'intrusion-set--1',
      target_ref: 'attack-pattern--old',
    },
  ],
};

describe('stixToRows', () => {
  const rows = stixToRows(bundle, 'stix:test');
  const node = (id: string) => rows.nodes.find((n) => n.id === id);

  it('maps current attack-patterns, mitigations and intrusion-sets to catalogue ids', () => {
    expect(rows.nodes.map((n) => `${n.labels[0]} ${n.id}`).sort()).toEqual([
      'AttackPattern attack:T1078',
      'AttackPattern attack:T1078.004',
      'Mitigation attack:M1032',
      'Threat attack:G0046',
    ]);
    expect(node('attack:T1078')!.props).toMatchObject({
      name: 'Valid Accounts',
      tactics: ['initial-access'],
      platforms: ['Windows'],
      domains: ['cyber'],
      catalogue: 'attack-enterprise',
      source: 'stix:test',
    });
    expect(node('attack:G0046')!.props).toMatchObject({ kind: 'criminal', capability: 4, intent: 3 });
  });

  it('keeps uses, mitigates and subtechnique-of between imported objects only', () => {
    expect(rows.relationships.map((r) => `${r.from} ${r.type} ${r.to}`).sort()).toEqual([
      'attack:G0046 USES attack:T1078',
      'attack:M1032 MITIGATES attack:T1078',
      'attack:T1078.004 SUBTECHNIQUE_OF attack:T1078',
    ]);
    expect(rows.skipped).toEqual({ revokedOrDeprecated: 2, relationshipsToSkipped: 2 });
  });

  it('maps CAPEC domains onto protective-security domains and names CAPEC mitigations by their name', () => {
    const capec: StixBundle = {
      type: 'bundle',
      objects: [
        {
          type: 'attack-pattern',
          id: 'attack-pattern--c',
          name: 'Tailgating',
          external_references: ref('capec', 'CAPEC-391'),
          x_capec_domains: ['Physical Security', 'Social Engineering'],
        },
        { type: 'course-of-action', id: 'course-of-action--c', name: 'coa-391-0' },
        { type: 'course-of-action', id: 'course-of-action--aaaaaaaa-1', name: 'coa-67-0' },
        { type: 'course-of-action', id: 'course-of-action--bbbbbbbb-2', name: 'coa-67-0' },
      ],
    };
    expect(catalogueOf(capec)).toBe('capec');
    const r = stixToRows(capec, 's');
    expect(r.nodes.find((n) => n.id === 'capec:CAPEC-391')!.props.domains).toEqual(['personnel', 'physical']);
    expect(r.nodes.map((n) => n.id)).toEqual([
      'capec:CAPEC-391',
      'capec:coa-391-0',
      'capec:coa-67-0~aaaaaaaa',
      'capec:coa-67-0~bbbbbbbb',
    ]);
  });
});
