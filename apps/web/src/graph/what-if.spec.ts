import { pathElements } from './elements';
import { Failable, pickedInPaths } from './what-if';

// Crime -> web portal (firewall 50 %) -> records (RBAC 50 %, MFA 80 %); the identity provider
// takes out the MFA.
const ctl = (id: string, name: string, effectiveness: number) => ({
  id,
  name,
  effectiveness,
  domains: ['cyber'],
});
const path = {
  probability: 0.05,
  nodes: [
    { id: 'sys-web', name: 'Web portal', labels: ['System'] },
    { id: 'inf-x', name: 'Records', labels: ['Information'] },
  ],
  steps: [
    { from: null, to: 'sys-web', vector: 'network', controls: [ctl('c-fw', 'Firewall', 0.5)] },
    {
      from: 'sys-web',
      to: 'inf-x',
      vector: 'logical',
      controls: [ctl('c-rbac', 'RBAC', 0.5), ctl('c-mfa', 'MFA', 0.8)],
    },
  ],
};
const elements = pathElements({ id: 'thr', name: 'Crime' }, [path], {
  spof: new Set(['sys-idp']),
  commonMode: [
    { unit: { id: 'sys-idp', name: 'Identity provider', labels: ['System'] }, controls: ['c-mfa'] },
  ],
});
const known = new Map<string, Failable>(
  [
    { id: 'c-fw', name: 'Firewall', note: 'control' },
    { id: 'c-rbac', name: 'RBAC', note: 'control' },
    { id: 'c-mfa', name: 'MFA', note: 'control' },
    { id: 'sys-idp', name: 'Identity provider', note: 'common-mode dependency' },
  ].map((f) => [f.id, f]),
);

describe('what a tap on the attack-paths graph picks', () => {
  it('a step: its controls, titled by its ends and vector', () => {
    const picked = pickedInPaths(elements, 'sys-web>inf-x:logical', known);
    expect(picked?.title).toBe('Web portal → Records (logical)');
    expect(picked?.failable.map((f) => f.name)).toEqual(['RBAC', 'MFA']);
    expect(picked?.explore).toBeUndefined();
  });

  it('the first step starts at the threat', () => {
    expect(pickedInPaths(elements, 'thr>sys-web:network', known)?.title).toBe('Crime → Web portal (network)');
  });

  it('a common-mode node or its link: the dependency itself', () => {
    expect(pickedInPaths(elements, 'sys-idp', known)).toEqual({
      title: 'Identity provider',
      failable: [known.get('sys-idp')],
      explore: 'sys-idp',
    });
    const link = pickedInPaths(elements, 'sys-idp~inf-x', known);
    expect(link?.failable.map((f) => f.id)).toEqual(['sys-idp']);
    expect(link?.title).toBe('Identity provider takes out a control on the way to Records');
  });

  it('a node with no control: nothing to fail, but it opens in the explorer; the threat does not', () => {
    expect(pickedInPaths(elements, 'inf-x', known)).toEqual({
      title: 'Records',
      failable: [],
      explore: 'inf-x',
    });
    expect(pickedInPaths(elements, 'thr', known)).toEqual({ title: 'Crime', failable: [] });
  });

  it('a restricted node: its kind only, nothing to fail and nothing to open (its id is a stand-in)', () => {
    const hidden = 'restricted-0123456789abcdef';
    const els = pathElements({ id: 'thr', name: 'Crime' }, [
      {
        probability: 0.1,
        nodes: [
          { id: hidden, name: 'restricted', label: 'Facility', labels: ['Facility'], restricted: true },
          { id: 'inf-x', name: 'Records', labels: ['Information'] },
        ],
        steps: [
          { from: null, to: hidden, vector: 'physical', controls: [] },
          { from: hidden, to: 'inf-x', vector: 'physical', controls: [ctl('c-fw', 'Firewall', 0.5)] },
        ],
      },
    ]);
    expect(pickedInPaths(els, hidden, known)).toEqual({
      title: 'restricted (Facility)',
      failable: [],
      restricted: true,
    });
    expect(pickedInPaths(els, `${hidden}>inf-x:physical`, known)?.title).toBe(
      'restricted → Records (physical)',
    );
  });

  it('nothing for an element no longer drawn (after a recomputation)', () => {
    expect(pickedInPaths(elements, 'gone', known)).toBeUndefined();
  });
});
