import { resolveOrg, scopedHref, unknownOrgNote, withOrg } from './org-scope';

const acme = { id: 'org-acme', name: 'Acme Water' };
const gen = { id: 'org-gen-5', name: 'Generated organisation 5' };

describe('resolveOrg', () => {
  it('takes the organisation the address names', () => {
    expect(resolveOrg('org-gen-5', [gen, acme])).toEqual({ org: gen });
  });

  it('defaults to the first organisation in id order when the address names none', () => {
    expect(resolveOrg(null, [gen, acme])).toEqual({ org: acme });
    expect(resolveOrg('', [gen])).toEqual({ org: gen });
  });

  it('falls back to the default for an id it does not know, and says which id', () => {
    expect(resolveOrg('org-nope', [gen, acme])).toEqual({ org: acme, unknown: 'org-nope' });
  });

  it('has nothing to show without organisations', () => {
    expect(resolveOrg('org-acme', [])).toEqual({ org: undefined, unknown: 'org-acme' });
    expect(resolveOrg(null, [])).toEqual({ org: undefined });
  });
});

describe('links', () => {
  it('put org first and keep the view’s parameters', () => {
    const href = scopedHref('org-gen-5');
    expect(href('paths', { threat: 'org-gen-5:thr-crime', asset: undefined })).toBe(
      '#/paths?org=org-gen-5&threat=org-gen-5%3Athr-crime',
    );
    expect(href('dashboard')).toBe('#/dashboard?org=org-gen-5');
  });

  it('let an explicit org win (the picker switching)', () => {
    expect(scopedHref('org-acme')('explorer', { org: 'org-gen-5' })).toBe('#/explorer?org=org-gen-5');
  });

  it('correct an address in place: org set first, the rest kept in order', () => {
    const params = new URLSearchParams('focus=inf-customers&org=org-nope&k=3');
    expect(withOrg(params, 'org-acme')).toEqual({ org: 'org-acme', focus: 'inf-customers', k: '3' });
    expect(Object.keys(withOrg(params, 'org-acme'))).toEqual(['org', 'focus', 'k']);
  });

  it('name the unknown id and the organisation shown', () => {
    expect(unknownOrgNote('org-nope', acme)).toContain('“org-nope”');
    expect(unknownOrgNote('org-nope', acme)).toContain('showing Acme Water');
  });
});
