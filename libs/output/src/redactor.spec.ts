import { PSEUDONYM_PREFIX, RESTRICTED_NAME, Redactor } from './redactor';

const KEY = Buffer.alloc(32, 7);
const vault = { id: 'fac-vault', name: 'Crown Vault', labels: ['Entity', 'Asset', 'Facility'] };
const ctl = { id: 'ctl-vault-guard', name: 'Vault guard', labels: ['Entity', 'Control'] };
const redactor = new Redactor([vault, ctl], KEY);
const p = (id: string) => redactor.pseudonym(id);
const cursorOf = (k: string) => Buffer.from(JSON.stringify({ k })).toString('base64url');

describe('Redactor', () => {
  it('replaces a restricted node with a placeholder: labels and numbers, no id, name or property', () => {
    const out = redactor.value({
      id: 'fac-vault',
      name: 'Crown Vault',
      label: 'Facility',
      labels: ['Asset', 'Facility'],
      entityKind: 'FACILITY',
      kind: 'FACILITY',
      criticality: 5,
      description: 'Under the chapel',
      tags: ['gold'],
      businessImpact: { confidentiality: 5 },
    });
    expect(out).toEqual({
      id: p('fac-vault'),
      name: RESTRICTED_NAME,
      restricted: true,
      label: 'Facility',
      labels: ['Asset', 'Facility'],
      entityKind: 'FACILITY',
      kind: 'FACILITY',
      criticality: 5,
      tags: [],
    });
  });

  it('keeps enum values and references to other nodes, redacted on their own terms', () => {
    const out = redactor.value({
      id: 'ctl-vault-guard',
      kind: 'CONTROL',
      on: 'fac-vault',
      onName: 'Hall',
      status: 'failed',
    });
    expect(out).toEqual({
      id: p('ctl-vault-guard'),
      name: RESTRICTED_NAME,
      restricted: true,
      labels: ['Control'],
      kind: 'CONTROL',
      on: p('fac-vault'),
      onName: 'Hall',
    });
  });

  it('keeps a threat-like kind out (only an asset kind comes from labels)', () => {
    const threat = new Redactor([{ id: 't1', name: 'Mole', labels: ['Threat'] }], KEY);
    expect(threat.value({ id: 't1', kind: 'insider' })).not.toHaveProperty('kind');
  });

  it('gives a stable pseudonym that does not contain the id, so edges still connect', () => {
    expect(p('fac-vault')).toMatch(new RegExp(`^${PSEUDONYM_PREFIX}[0-9a-f]{16}$`));
    expect(new Redactor([vault], KEY).pseudonym('fac-vault')).toBe(p('fac-vault'));
    expect(new Redactor([vault], Buffer.alloc(32, 8)).pseudonym('fac-vault')).not.toBe(p('fac-vault'));
    const edge = redactor.value({
      id: 'e1',
      source: 'fac-vault',
      target: 'sys-a',
      edgeId: 'sys-a->fac-vault',
    });
    expect(edge).toEqual({
      id: 'e1',
      source: p('fac-vault'),
      target: 'sys-a',
      edgeId: `sys-a->${p('fac-vault')}`,
    });
  });

  it('scrubs ids and names inside text, on word edges only', () => {
    expect(redactor.text('Crown Vault has no detection (fac-vault).')).toBe(
      `restricted has no detection (${p('fac-vault')}).`,
    );
    expect(redactor.text('fac-vault-2 and Crown Vaults')).toBe('fac-vault-2 and Crown Vaults');
    expect(redactor.text('Vault guard')).toBe(RESTRICTED_NAME);
  });

  it('leaves the ids a user typed as typed, and finds restricted ids in a text', () => {
    const typed = new Set(redactor.idsIn('refers to fac-vault and fac-vault-2, Crown Vault'));
    expect([...typed]).toEqual(['fac-vault']);
    expect(redactor.text('"fac-vault" is not defined', typed)).toBe('"fac-vault" is not defined');
    expect(redactor.text('fac-vault', typed)).toBe('fac-vault');
    expect(redactor.text('Crown Vault at ctl-vault-guard', typed)).toBe(
      `restricted at ${p('ctl-vault-guard')}`,
    );
    expect(redactor.value({ id: 'fac-vault' }, typed)).toMatchObject({
      id: p('fac-vault'),
      restricted: true,
    });
  });

  it('walks arrays, maps, sets and keys; leaves numbers, dates and visible nodes alone', () => {
    const when = new Date(0);
    const out = redactor.value({
      items: [{ node: { id: 'sys-a', name: 'A' }, probability: 0.5 }, { node: { id: 'ctl-vault-guard' } }],
      byId: { 'fac-vault': 3 },
      map: new Map([['fac-vault', 1]]),
      set: new Set(['Crown Vault']),
      when,
    });
    expect(out.items[0]).toEqual({ node: { id: 'sys-a', name: 'A' }, probability: 0.5 });
    expect(out.items[1].node).toMatchObject({ id: p('ctl-vault-guard'), restricted: true });
    expect(out.byId).toEqual({ [p('fac-vault')]: 3 });
    expect([...out.map.keys()]).toEqual([p('fac-vault')]);
    expect([...out.set]).toEqual([RESTRICTED_NAME]);
    expect(out.when).toBe(when);
  });

  it('redacts stored records ({labels, props}) as exports carry them', () => {
    const out = redactor.value({
      entities: [
        {
          labels: ['Entity', 'Asset', 'Facility'],
          props: { id: 'fac-vault', name: 'Crown Vault', level: 'b2' },
        },
      ],
      relationships: [
        { type: 'LOCATED_IN', from: 'fac-vault', to: 'fac-hq', props: { justification: 'Crown Vault' } },
      ],
    });
    expect(out.entities[0]).toEqual({
      labels: ['Asset', 'Facility'],
      props: { id: p('fac-vault'), name: RESTRICTED_NAME, restricted: true },
    });
    expect(out.relationships[0]).toEqual({
      type: 'LOCATED_IN',
      from: p('fac-vault'),
      to: 'fac-hq',
      props: { justification: RESTRICTED_NAME },
    });
  });

  it('seals a cursor that names a restricted node and opens it again', () => {
    const plain = cursorOf('sys-a');
    expect(redactor.value({ cursor: plain })).toEqual({ cursor: plain });
    const hidden = cursorOf('fac-vault');
    const sealed = redactor.value({ endCursor: hidden }).endCursor;
    expect(sealed).not.toBe(hidden);
    expect(Buffer.from(sealed, 'base64url').toString()).not.toContain('vault');
    expect(redactor.unsealCursor(sealed)).toBe(hidden);
    expect(redactor.unsealCursor(plain)).toBe(plain);
    expect(redactor.unsealCursor('not a cursor')).toBe('not a cursor');
  });

  it('changes nothing when nothing is restricted', () => {
    const v = { id: 'fac-vault', name: 'Crown Vault' };
    expect(Redactor.NONE.value(v)).toBe(v);
    expect(Redactor.NONE.active).toBe(false);
  });
});
