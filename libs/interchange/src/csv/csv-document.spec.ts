import { ImportContext } from '../native/import-context';
import { formatIssue } from '../native/import-issue';
import { validateDocument } from '../native/validate-document';
import { CsvFile, convertCell, csvSetToDocument } from './csv-document';
import { ALLOWED_RELATIONSHIP_TYPES, CSV_FILES, CSV_FILE_NAMES, COLUMN_TYPES } from './csv-layout';

const csv = (name: string, ...lines: string[]): CsvFile => ({ name, text: `${lines.join('\n')}\n` });
const emptyGraph = (): ImportContext => ({ organizations: [], entities: new Map() });

/** Every issue of a set, as the importer would print it, against a graph that is empty unless given. */
function problems(files: CsvFile[], ctx: ImportContext = emptyGraph()): string[] {
  const set = csvSetToDocument('acme', files);
  const result = validateDocument(set.parsed, ctx);
  return set.sort([...set.issues, ...result.issues.map((i) => set.toCsvIssue(i))]).map(formatIssue);
}

const ORG = csv('organization.csv', 'id,name', 'org-a,Acme');

describe('CSV layout', () => {
  it('names one file per section, in kebab-case, plus organization and relationships', () => {
    expect(CSV_FILE_NAMES).toEqual([
      'organization.csv',
      'org-units.csv',
      'service-providers.csv',
      'people.csv',
      'facilities.csv',
      'systems.csv',
      'information.csv',
      'assets.csv',
      'controls.csv',
      'threats.csv',
      'risks.csv',
      'relationships.csv',
    ]);
  });

  it('derives the columns from the native schema: scalars, dotted objects, single references', () => {
    const columns = (file: string) => CSV_FILES.find((f) => f.file === file)!.columns;
    const people = columns('people.csv');
    expect(people.map((c) => c.name)).toEqual(
      expect.arrayContaining(['id', 'name', 'roles', 'clearance', 'owner', 'businessImpact.integrity']),
    );
    expect(people.map((c) => c.name)).not.toEqual(expect.arrayContaining(['memberOf']));
    expect(people.map((c) => c.name)).not.toContain('access');
    expect(people.find((c) => c.name === 'businessImpact.integrity')).toMatchObject({ kind: 'number' });
    expect(people.find((c) => c.name === 'roles')).toMatchObject({ kind: 'list' });
    expect(columns('systems.csv').find((c) => c.name === 'internetFacing')).toMatchObject({
      kind: 'boolean',
    });
    expect(columns('systems.csv').map((c) => c.name)).toContain('hostedIn');
    expect(columns('controls.csv').map((c) => c.name)).not.toContain('responsible');
    expect(columns('risks.csv').map((c) => c.name)).toEqual(expect.arrayContaining(['threat', 'asset']));
    expect(columns('organization.csv').map((c) => c.name)).toEqual(
      expect.arrayContaining(['responseForce.communicationProbability', 'classificationLevels']),
    );
  });

  it('takes list references, access and ownership as relationship rows; single ones are columns', () => {
    expect(ALLOWED_RELATIONSHIP_TYPES).toEqual([
      'CONNECTS_TO',
      'DEPENDS_ON',
      'HAS_ACCESS',
      'IMPLEMENTS',
      'MEMBER_OF',
      'MITIGATES',
      'OWNS',
      'PROTECTS',
      'RESPONSIBLE_FOR',
      'STARTS_AT',
      'STORED_ON',
      'TARGETS',
      'USES',
    ]);
    expect(COLUMN_TYPES.get('HOSTED_IN')).toBe(
      'the hostedIn column of systems.csv or the hostedIn column of assets.csv',
    );
    expect([...COLUMN_TYPES.keys()].sort()).toEqual([
      'HOLDS_ROLE',
      'HOSTED_IN',
      'LOCATED_IN',
      'OF_THREAT',
      'TO_ASSET',
    ]);
  });
});

describe('convertCell', () => {
  it('converts by the expected type and leaves what does not convert as text', () => {
    expect(convertCell('0.9', 'number')).toBe(0.9);
    expect(convertCell('-1e3', 'number')).toBe(-1000);
    expect(convertCell('0x10', 'number')).toBe('0x10');
    expect(convertCell('lots', 'number')).toBe('lots');
    expect(convertCell('TRUE', 'boolean')).toBe(true);
    expect(convertCell('false', 'boolean')).toBe(false);
    expect(convertCell('yes', 'boolean')).toBe('yes');
    expect(convertCell(' cyber ; physical;', 'list')).toEqual(['cyber', 'physical']);
    expect(convertCell('007', 'string')).toBe('007');
  });
});

describe('csvSetToDocument', () => {
  it('builds the native document: typed cells, dotted columns, lists, and relationship rows on their item', () => {
    const set = csvSetToDocument('acme', [
      csv(
        'organization.csv',
        'id,name,reviewIntervalDays,vettingIntervalDays.SECRET,responseForce.timeSeconds,responseForce.stdDevSeconds,responseForce.communicationProbability,classificationLevels',
        'org-a,Acme,365,730,300,60,0.95,OFFICIAL;SECRET',
      ),
      csv('org-units.csv', 'id,name,topManagement', 'ou-board,Board,true', 'ou-ops,Operations,'),
      csv(
        'people.csv',
        'id,name,roles,clearance,businessImpact.confidentiality,businessImpact.integrity,businessImpact.availability',
        'p-a,"Ng, Alice",RSE;CISO,SECRET,3,2,1',
        'p-b,Bob,,,,,',
      ),
      csv('systems.csv', 'id,name,internetFacing,hostedIn', 'sys-a,A,false,fac-x', 'sys-b,B,,'),
      csv(
        'controls.csv',
        'id,name,domains,effectiveness,status',
        'ctl-a,A,cyber;physical,0.9,implemented',
        'ctl-b,B,cyber,0.5,planned',
      ),
      csv(
        'relationships.csv',
        'from,type,to,mode,justification,since,until',
        'p-a,MEMBER_OF,ou-board,,,,',
        'p-a,HAS_ACCESS,sys-a,read,"audits, yearly",2025-01-01,',
        'sys-a,DEPENDS_ON,sys-b,,,,',
        'ctl-a,DEPENDS_ON,sys-b,,,,',
        'ctl-a,protects,sys-a,,,,',
        'p-a,RESPONSIBLE_FOR,ctl-a,,,,',
        'p-a,RESPONSIBLE_FOR,ctl-b,,,,',
        'p-b,RESPONSIBLE_FOR,ctl-b,,,,',
        'p-a,OWNS,sys-a,,,,',
        'p-a,OWNS,sys-b,,,,',
        'ctl-a,IMPLEMENTS,attack:M1032,,,,',
      ),
    ]);
    expect(set.issues).toEqual([]);
    expect(set.parsed.file).toBe('acme');
    expect(set.parsed.data).toEqual({
      format: 'rampart/v1',
      organization: {
        id: 'org-a',
        name: 'Acme',
        reviewIntervalDays: 365,
        vettingIntervalDays: { SECRET: 730 },
        responseForce: { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.95 },
      },
      classificationLevels: ['OFFICIAL', 'SECRET'],
      orgUnits: [
        { id: 'ou-board', name: 'Board', topManagement: true },
        { id: 'ou-ops', name: 'Operations' },
      ],
      people: [
        {
          id: 'p-a',
          name: 'Ng, Alice',
          roles: ['RSE', 'CISO'],
          clearance: 'SECRET',
          businessImpact: { confidentiality: 3, integrity: 2, availability: 1 },
          memberOf: ['ou-board'],
          access: [{ to: 'sys-a', mode: 'read', justification: 'audits, yearly', since: '2025-01-01' }],
        },
        { id: 'p-b', name: 'Bob' },
      ],
      systems: [
        { id: 'sys-a', name: 'A', internetFacing: false, hostedIn: 'fac-x', dependsOn: ['sys-b'] },
        { id: 'sys-b', name: 'B' },
      ],
      controls: [
        {
          id: 'ctl-a',
          name: 'A',
          domains: ['cyber', 'physical'],
          effectiveness: 0.9,
          status: 'implemented',
          dependsOn: ['sys-b'],
          protects: ['sys-a'],
          responsible: 'p-a',
          implements: ['attack:M1032'],
        },
        {
          id: 'ctl-b',
          name: 'B',
          domains: ['cyber'],
          effectiveness: 0.5,
          status: 'planned',
          responsible: ['p-a', 'p-b'],
        },
      ],
      owners: [{ person: 'p-a', assets: ['sys-a', 'sys-b'] }],
    });
  });

  it('accepts any subset of the files, in any case, and a path before the name', () => {
    const set = csvSetToDocument('x', [
      csv('upload/Threats.CSV', 'id,name,kind,capability,intent', 't,T,state,5,5'),
    ]);
    expect(set.issues).toEqual([]);
    expect(set.parsed.data).toEqual({
      format: 'rampart/v1',
      threats: [{ id: 't', name: 'T', kind: 'state', capability: 5, intent: 5 }],
    });
  });
});

describe('CSV set issues (with the native validation)', () => {
  it('a valid set has none', () => {
    expect(
      problems([
        ORG,
        csv('people.csv', 'id,name,clearance', 'p-a,Alice,SECRET'),
        csv('facilities.csv', 'id,name,level,locatedIn', 'fac-a,A,site,', 'fac-b,B,room,fac-a'),
        csv('relationships.csv', 'from,type,to,mode', 'p-a,HAS_ACCESS,fac-b,physical'),
      ]),
    ).toEqual([]);
  });

  it('refuses unknown and repeated file names', () => {
    expect(problems([ORG, csv('persons.csv', 'id'), csv('Organization.csv', 'id')])).toEqual([
      expect.stringMatching(
        /^persons\.csv: unknown file name: a CSV set holds organization\.csv, org-units\.csv, /,
      ),
      'Organization.csv: organization.csv is given twice; a set holds each file once',
    ]);
    expect(csvSetToDocument('acme', []).issues.map(formatIssue)).toEqual([
      'acme: no CSV files: a set holds at least one',
    ]);
  });

  it('checks headers: empty file, unnamed, repeated, unknown and misplaced columns, no id', () => {
    expect(
      problems([
        ORG,
        csv('org-units.csv', ''),
        csv('people.csv', 'id,name,,name,colour,memberOf,access', 'p-a,A,,,,,'),
        csv('threats.csv', 'name,kind', 'T,state'),
      ]),
    ).toEqual([
      'org-units.csv: the file is empty: its first line must be the header',
      'people.csv:1: column 3 of the header has no name',
      'people.csv:1: name: the column is given twice',
      expect.stringMatching(
        /^people\.csv:1: colour: unknown column; the columns of people\.csv are id, name, /,
      ),
      'people.csv:1: memberOf: not a column of people.csv: memberOf goes in MEMBER_OF rows of relationships.csv',
      'people.csv:1: access: not a column of people.csv: access goes in HAS_ACCESS rows of relationships.csv',
      'threats.csv:1: id: the header has no id column',
    ]);
  });

  it('lists the free keys of a dotted column among the allowed ones', () => {
    expect(problems([csv('organization.csv', 'id,name,vetting', 'org-a,A,1')])).toEqual([
      expect.stringContaining('vettingIntervalDays.<key>'),
    ]);
  });

  it('reports rows of the wrong width with their line, and still checks the rest', () => {
    expect(
      problems([
        ORG,
        csv('people.csv', 'id,name,description', 'p-a,A,"one', 'two"', 'p-b,B', 'p-c,C,,extra', 'p-d,D,ok'),
        csv('relationships.csv', 'from,type,to', 'p-d,MEMBER_OF,ou-none'),
      ]),
    ).toEqual([
      'people.csv:4: the row has 2 cells but the header has 3 columns; the row is not read',
      'people.csv:5: the row has 4 cells but the header has 3 columns; the row is not read',
      'relationships.csv:2: to: "ou-none" is not defined in this CSV set or in the graph',
    ]);
  });

  it("maps the native schema's messages to file, line and column", () => {
    expect(
      problems([
        ORG,
        csv(
          'people.csv',
          'id,name,status,lastVettedAt,businessImpact.confidentiality,businessImpact.integrity',
          'p-a,A,gone,2025-13-45,9,',
          ',Nobody,,,,',
        ),
        csv(
          'controls.csv',
          'id,name,domains,effectiveness,status,functions',
          'ctl-a,A,cyber;magic,lots,implemented,',
          'ctl-b,B,,0.5,planned,',
        ),
        csv('org-units.csv', 'id,name,topManagement', 'ou-a,A,maybe'),
      ]),
    ).toEqual([
      expect.stringMatching(/^org-units\.csv:2: topManagement: .*expected boolean/),
      'people.csv:2: businessImpact.confidentiality: scores run from 1 to 5',
      'people.csv:2: businessImpact.integrity: is required but missing',
      'people.csv:2: businessImpact.availability: is required but missing',
      'people.csv:2: status: expected one of active, suspended, separated',
      'people.csv:2: lastVettedAt: not a real date',
      'people.csv:3: id: is required but missing',
      'controls.csv:2: domains: "magic": expected one of governance, personnel, information, cyber, physical',
      'controls.csv:2: effectiveness: expected a number from 0 to 1',
      'controls.csv:3: domains: is required but missing',
    ]);
  });

  it('says where a duplicate id was first defined, across files', () => {
    expect(
      problems([
        ORG,
        csv('people.csv', 'id,name', 'p-a,A'),
        csv('systems.csv', 'id,name', 'sys-a,S', 'p-a,Also A'),
      ]),
    ).toEqual(['systems.csv:3: id: duplicate id "p-a": already defined at people.csv:2']);
  });

  it('checks relationship rows: type, carrier in the set and of the right section, access columns', () => {
    expect(
      problems([
        ORG,
        csv('people.csv', 'id,name', 'p-a,A'),
        csv('systems.csv', 'id,name', 'sys-a,S'),
        csv('controls.csv', 'id,name,domains,effectiveness,status', 'ctl-a,C,cyber,0.5,planned'),
        csv(
          'relationships.csv',
          'from,type,to,mode,justification',
          'p-a,KNOWS,sys-a,,',
          'fac-a,LOCATED_IN,fac-b,,',
          'p-a,HOLDS_ROLE,RSE,,',
          'sys-a,PROTECTS,sys-a,,',
          'ctl-z,PROTECTS,sys-a,,',
          'p-a,DEPENDS_ON,sys-a,,',
          'p-a,RESPONSIBLE_FOR,ctl-z,,',
          'p-a,MEMBER_OF,,,',
          'p-a,MEMBER_OF,ou-x,read,',
          'p-a,HAS_ACCESS,sys-a,,',
          'p-a,HAS_ACCESS,sys-a,sideways,why',
          'ctl-a,PROTECTS,sys-nope,,',
          'p-a,RESPONSIBLE_FOR,ctl-a,,',
          'sys-a,RESPONSIBLE_FOR,ctl-a,,',
        ),
      ]),
    ).toEqual([
      expect.stringMatching(
        /^relationships\.csv:2: type: unknown relationship type "KNOWS"; relationships\.csv takes CONNECTS_TO, /,
      ),
      'relationships.csv:3: type: LOCATED_IN is not a row of relationships.csv: it is the locatedIn column of facilities.csv',
      'relationships.csv:4: type: HOLDS_ROLE is not a row of relationships.csv: it is the roles column of people.csv',
      'relationships.csv:5: from: "sys-a" is defined in systems.csv, but the from of a PROTECTS row must be an entity of controls.csv',
      'relationships.csv:6: from: "ctl-z" is not defined in this CSV set: the from of a PROTECTS row must be an entity of controls.csv in the same set',
      'relationships.csv:7: from: "p-a" is defined in people.csv, but the from of a DEPENDS_ON row must be an entity of systems.csv or controls.csv',
      'relationships.csv:8: to: "ctl-z" is not defined in this CSV set: the to of a RESPONSIBLE_FOR row must be an entity of controls.csv in the same set',
      'relationships.csv:9: to: is required but missing',
      'relationships.csv:10: mode: only HAS_ACCESS rows have a mode',
      'relationships.csv:11: mode: expected one of read, write, admin, physical',
      'relationships.csv:12: mode: expected one of read, write, admin, physical',
      'relationships.csv:13: to: "sys-nope" is not defined in this CSV set or in the graph',
      'relationships.csv:15: from: "sys-a" is a System; responsible must name a Person',
    ]);
  });

  it('checks OWNS rows like the owners section', () => {
    expect(
      problems([
        ORG,
        csv('people.csv', 'id,name', 'p-a,A'),
        csv('relationships.csv', 'from,type,to', 'p-a,OWNS,ast-x', 'ast-y,OWNS,p-a'),
      ]),
    ).toEqual([
      'relationships.csv:2: to: "ast-x" is not defined in this CSV set or in the graph',
      'relationships.csv:3: from: "ast-y" is not defined in this CSV set or in the graph',
    ]);
  });

  it('tells organisation and classification problems in CSV terms', () => {
    expect(problems([csv('people.csv', 'id,name,clearance', 'p-a,A,SECRET')])).toEqual([
      'acme: the graph has no organisation yet: add organization.csv to the set',
    ]);
    expect(
      problems([
        csv(
          'organization.csv',
          'id,name,classificationLevels,vettingIntervalDays.TOP_SECRET',
          'org-a,A,OFFICIAL;SECRET,365',
          'org-b,B,,',
        ),
        csv('people.csv', 'id,name,clearance', 'p-a,A,TOP_SECRET'),
      ]),
    ).toEqual([
      'organization.csv:2: vettingIntervalDays.TOP_SECRET: "TOP_SECRET" is not a classification level (OFFICIAL, SECRET)',
      'organization.csv:3: organization.csv describes one organisation: one data row at most',
      'people.csv:2: clearance: "TOP_SECRET" is not a classification level (OFFICIAL, SECRET)',
    ]);
    const two: ImportContext = {
      organizations: [{ id: 'org-a' }, { id: 'org-b' }],
      entities: new Map(),
    };
    expect(problems([csv('people.csv', 'id,name', 'p-a,A')], two)).toEqual([
      'acme: the graph holds 2 organisations (org-a, org-b) and the set has no organization.csv: name one (organizationId, --org)',
    ]);
  });

  it('reports locatedIn cycles on the row and column that close them', () => {
    expect(
      problems([ORG, csv('facilities.csv', 'id,name,locatedIn', 'fac-a,A,fac-b', 'fac-b,B,fac-a')]),
    ).toEqual([
      'facilities.csv:2: locatedIn: locatedIn makes a cycle: fac-a -> fac-b -> fac-a',
      'facilities.csv:3: locatedIn: locatedIn makes a cycle: fac-b -> fac-a -> fac-b',
    ]);
  });
});
