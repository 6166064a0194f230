import { NATIVE_FORMAT } from '@rampart/domain';
import { csvSetToDocument } from '../csv/csv-document';
import { readCsv } from '../csv/csv-read';
import { toCsvSet } from './csv-export';

/** A document touching every part of the layout: root columns, nested and dynamic columns, lists,
 * single references as columns, list references, access, `responsible` as one id or a list, owners. */
const DOC = {
  format: NATIVE_FORMAT,
  organization: {
    id: 'org-a',
    name: 'Acme, Inc.',
    riskTolerance: 'low',
    responseForce: { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.95 },
    vettingIntervalDays: { SECRET: 730, OFFICIAL: 1825 },
  },
  classificationLevels: ['UNCLASSIFIED', 'OFFICIAL', 'SECRET'],
  orgUnits: [{ id: 'ou-board', name: 'Board', topManagement: true }],
  people: [
    {
      id: 'p-ann',
      name: 'Ng, Ann',
      description: 'says "hi"\nand leaves',
      roles: ['RSE', 'CISO'],
      memberOf: ['ou-board'],
      access: [
        { to: 'sys-erp', mode: 'admin' },
        { to: 'sys-erp', mode: 'read', justification: 'audit, yearly', until: '2026-12-31' },
      ],
    },
    { id: 'p-ben', name: 'Ben', businessImpact: { confidentiality: 0.2, availability: 0.5 } },
  ],
  facilities: [{ id: 'fac-dc', name: 'DC', owner: 'p-ann' }],
  systems: [
    {
      id: 'sys-erp',
      name: 'ERP',
      internetFacing: false,
      hostedIn: 'fac-dc',
      connectsTo: ['sys-mail'],
      tags: ['core', 'sap'],
    },
    { id: 'sys-mail', name: 'Mail', internetFacing: true, dependsOn: ['sys-erp'] },
  ],
  owners: [{ person: 'p-ben', assets: ['sys-erp', 'sys-mail'] }],
  controls: [
    { id: 'ctl-a', name: 'A', effectiveness: 0.9, dependsOn: ['sys-mail'], responsible: 'p-ann' },
    { id: 'ctl-b', name: 'B', responsible: ['p-ann', 'p-ben'], protects: ['fac-dc'] },
  ],
  threats: [{ id: 'thr-x', name: 'X', targets: ['sys-erp'], startsAt: ['p-ben'] }],
  risks: [{ id: 'rsk-1', threat: 'thr-x', asset: 'sys-erp', likelihood: 3 }],
};

const byName = (files: { name: string; text: string }[]) =>
  Object.fromEntries(files.map((f) => [f.name, f.text]));

describe('CSV export', () => {
  it('is the inverse of the CSV import: the set reads back to the same document', () => {
    const set = toCsvSet(DOC);
    const back = csvSetToDocument('acme', set);
    expect(back.issues).toEqual([]);
    expect(back.parsed.data).toEqual(DOC);
  });

  it('writes a file per section with entries, in set order, and only the columns in use', () => {
    const set = toCsvSet(DOC);
    expect(set.map((f) => f.name)).toEqual([
      'organization.csv',
      'org-units.csv',
      'people.csv',
      'facilities.csv',
      'systems.csv',
      'controls.csv',
      'threats.csv',
      'risks.csv',
      'relationships.csv',
    ]);
    const files = byName(set);
    expect(files['organization.csv']).toBe(
      'id,name,riskTolerance,responseForce.timeSeconds,responseForce.stdDevSeconds,responseForce.communicationProbability,classificationLevels,vettingIntervalDays.SECRET,vettingIntervalDays.OFFICIAL\r\n' +
        'org-a,"Acme, Inc.",low,300,60,0.95,UNCLASSIFIED;OFFICIAL;SECRET,730,1825\r\n',
    );
    expect(readCsv('systems.csv', files['systems.csv']).header).toEqual([
      'id',
      'name',
      'tags',
      'internetFacing',
      'hostedIn',
    ]);
    expect(files['relationships.csv'].split('\r\n')).toEqual([
      'from,type,to,mode,justification,until',
      'p-ann,MEMBER_OF,ou-board,,,',
      'p-ann,HAS_ACCESS,sys-erp,admin,,',
      'p-ann,HAS_ACCESS,sys-erp,read,"audit, yearly",2026-12-31',
      'sys-erp,CONNECTS_TO,sys-mail,,,',
      'sys-mail,DEPENDS_ON,sys-erp,,,',
      'ctl-a,DEPENDS_ON,sys-mail,,,',
      'p-ann,RESPONSIBLE_FOR,ctl-a,,,',
      'p-ann,RESPONSIBLE_FOR,ctl-b,,,',
      'p-ben,RESPONSIBLE_FOR,ctl-b,,,',
      'ctl-b,PROTECTS,fac-dc,,,',
      'thr-x,TARGETS,sys-erp,,,',
      'thr-x,STARTS_AT,p-ben,,,',
      'p-ben,OWNS,sys-erp,,,',
      'p-ben,OWNS,sys-mail,,,',
      '',
    ]);
  });

  it('writes no relationships.csv without relationships, and nothing for an empty document', () => {
    expect(toCsvSet({ format: NATIVE_FORMAT, orgUnits: [{ id: 'ou-a' }] })).toEqual([
      { name: 'org-units.csv', text: 'id\r\nou-a\r\n' },
    ]);
    expect(toCsvSet({ format: NATIVE_FORMAT })).toEqual([]);
  });

  it('refuses a value the layout cannot carry rather than write it so that it reads back differently', () => {
    const tagged = { format: NATIVE_FORMAT, systems: [{ id: 's', tags: ['a;b'] }] };
    expect(() => toCsvSet(tagged)).toThrow(
      /cannot export as CSV: systems\.csv row 1 \(s\) tags: the list value "a;b"/,
    );
    expect(() => toCsvSet({ format: NATIVE_FORMAT, systems: [{ id: 's', colour: 'red' }] })).toThrow(
      /colour: no column of the CSV layout holds it/,
    );
  });
});

describe('CSV export of a redacted document', () => {
  it('writes the placeholder marker as a last column, which the importer refuses', () => {
    const doc = {
      format: NATIVE_FORMAT,
      systems: [
        { id: 'sys-a', name: 'A', internetFacing: true },
        { id: 'restricted-0123456789abcdef', name: 'restricted', restricted: true },
      ],
    };
    const [systems] = toCsvSet(doc);
    expect(systems.text).toBe(
      'id,name,internetFacing,restricted\r\nsys-a,A,true,\r\nrestricted-0123456789abcdef,restricted,,true\r\n',
    );
    expect(csvSetToDocument('x', [systems]).issues.map((i) => i.path)).toEqual(['restricted']);
  });
});
