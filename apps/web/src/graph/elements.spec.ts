import { displayLabel, impactColor, nodeElement, pathElements, reachElements } from './elements';
import { DOMAIN_STYLE, NEUTRAL } from './palette';
import { RESTRICTED_STYLE } from './restricted';

const step = (
  from: string | null,
  to: string,
  vector: string,
  controls: [string, number, string[]][] = [],
) => ({
  from,
  to,
  vector,
  controls: controls.map(([id, effectiveness, domains]) => ({ id, name: id, effectiveness, domains })),
});
const node = (id: string, labels: string[], extra = {}) => ({ id, name: id.toUpperCase(), labels, ...extra });

describe('element conversion', () => {
  it('labels a node with its name, classification badge, domain tags and a status other than implemented', () => {
    expect(displayLabel({ id: 'x', name: 'Records', classification: 'SECRET' })).toBe('Records\n[SECRET]');
    expect(displayLabel({ id: 'c', name: 'MFA', domains: ['cyber', 'personnel'], status: 'degraded' })).toBe(
      'MFA\nCYB+PER\n(degraded)',
    );
  });

  it('gives a node its kind, a domain colour for controls, a size by criticality and a classified class', () => {
    const c = nodeElement(node('ctl-a', ['Control', 'Entity'], { domains: ['physical'] }));
    expect(c.data).toMatchObject({ kind: 'Control', color: DOMAIN_STYLE.physical.color, size: 20 });
    const a = nodeElement(
      node('inf-a', ['Information', 'Asset'], { criticality: 5, classification: 'SECRET' }),
    );
    expect(a.data).toMatchObject({ kind: 'Information', color: NEUTRAL.node, size: 44 });
    expect(a.classes).toBe('classified');
  });

  it('draws a restricted node grey with its kind only, never as classified', () => {
    const r = nodeElement({
      id: 'restricted-0123456789abcdef',
      name: 'restricted',
      label: 'Facility',
      labels: ['Asset', 'Facility'],
      classification: 'SECRET',
      criticality: 5,
      restricted: true,
    });
    expect(r.data).toMatchObject({
      id: 'restricted-0123456789abcdef',
      kind: 'Facility',
      label: 'restricted (Facility)',
      color: RESTRICTED_STYLE.color,
      classification: null,
      restricted: true,
      size: 44,
    });
    expect(r.classes).toBe('restricted');
    expect(nodeElement(node('fac-a', ['Facility'])).data.restricted).toBe(false);
  });

  it('draws the top paths as one graph: the threat, every node once, an edge per distinct step', () => {
    const p1 = {
      probability: 0.25,
      nodes: [node('sys-web', ['System']), node('inf-x', ['Information'])],
      steps: [
        step(null, 'sys-web', 'network', [['c-fw', 0.5, ['cyber']]]),
        step('sys-web', 'inf-x', 'logical', [['c-rbac', 0.5, ['cyber']]]),
      ],
    };
    const p2 = {
      probability: 0.1,
      nodes: [node('fac-a', ['Facility']), node('sys-web', ['System']), node('inf-x', ['Information'])],
      steps: [
        step(null, 'fac-a', 'physical', [['c-lock', 0.6, ['physical']]]),
        step('fac-a', 'sys-web', 'physical'),
        step('sys-web', 'inf-x', 'logical', [['c-rbac', 0.5, ['cyber']]]),
      ],
    };
    const els = pathElements({ id: 'thr', name: 'Crime' }, [p1, p2], {
      spof: new Set(['c-rbac', 'sys-idp']),
      commonMode: [
        { unit: { id: 'sys-idp', name: 'IdP', labels: ['System'] }, controls: ['c-fw', 'c-lock'] },
      ],
    });
    const nodes = els.filter((e) => e.group === 'nodes');
    const edges = els.filter((e) => e.group === 'edges');
    expect(nodes.map((n) => n.data.id)).toEqual(['thr', 'sys-web', 'inf-x', 'fac-a', 'sys-idp']);
    expect(nodes.find((n) => n.data.id === 'inf-x')?.classes).toBe('target');
    expect(nodes.find((n) => n.data.id === 'sys-idp')?.classes).toBe('common-mode');
    const byId = Object.fromEntries(edges.map((e) => [e.data.id, e]));
    // The shared last step is drawn once, bold (it is on the best path) and highlighted (c-rbac).
    expect(byId['sys-web>inf-x:logical'].classes).toBe('best spof');
    expect(byId['sys-web>inf-x:logical'].data.label).toBe('logical\nc-rbac 50%');
    expect(byId['thr>fac-a:physical'].classes).toBe('');
    // The identity provider takes out c-fw (into sys-web) and c-lock (into fac-a).
    expect(
      edges
        .filter((e) => e.classes === 'depends')
        .map((e) => e.data.target)
        .sort(),
    ).toEqual(['fac-a', 'sys-web']);
    expect(edges).toHaveLength(4 + 2);
  });

  it('draws blast radius as a tree joined along each node’s path, coloured by impact', () => {
    const els = reachElements(
      [node('p-a', ['Person'])],
      [
        { ...node('sys-a', ['System']), criticality: 5, hops: 1, probability: 1, path: ['p-a', 'sys-a'] },
        {
          ...node('inf-a', ['Information']),
          criticality: 4,
          hops: 2,
          probability: 0.5,
          path: ['p-a', 'sys-a', 'inf-a'],
        },
      ],
    );
    expect(els.filter((e) => e.group === 'edges').map((e) => `${e.data.source}>${e.data.target}`)).toEqual([
      'p-a>sys-a',
      'sys-a>inf-a',
    ]);
    const inf = els.find((e) => e.data.id === 'inf-a');
    expect(inf?.data).toMatchObject({ hops: 2, impact: 2, color: impactColor(2) });
    expect(impactColor(0)).not.toBe(impactColor(5));
  });

  it('keeps a restricted node reached grey, joined by its stand-in id', () => {
    const id = 'restricted-00000000000000aa';
    const els = reachElements(
      [node('p-a', ['Person'])],
      [
        {
          id,
          name: 'restricted',
          label: 'System',
          criticality: 5,
          hops: 1,
          probability: 1,
          path: ['p-a', id],
          restricted: true,
        },
        {
          ...node('inf-a', ['Information']),
          criticality: 4,
          hops: 2,
          probability: 1,
          path: ['p-a', id, 'inf-a'],
        },
      ],
    );
    expect(els.find((e) => e.data.id === id)?.data).toMatchObject({
      label: 'restricted (System)',
      color: RESTRICTED_STYLE.color,
      impact: 5,
    });
    expect(els.filter((e) => e.group === 'edges').map((e) => e.data.target)).toEqual([id, 'inf-a']);
  });
});
