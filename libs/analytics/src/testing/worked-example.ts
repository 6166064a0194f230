import { AttackGraph } from '../attack-graph';
import { tiny } from './graph-builder';

/**
 * The worked example of docs/metrics.md, computed by hand:
 *
 *   threat T starts at sys-web (network) and fac-site (physical); target inf-data.
 *   fac-site -physical-> fac-room -physical-> sys-app <-network- sys-web
 *   sys-app -logical-> inf-data;  sys-idp -dependency-> sys-app;  p-op -access-> inf-data
 *
 *   c-fw    0.5 cyber,    protects sys-app, network only, depends on sys-idp
 *   c-mon   0.5 cyber,    protects sys-app AND inf-data (network, logical, physical)
 *   c-lock  0.6 physical, protects fac-room, depends on sys-idp
 *   c-fence 0.4 physical, protects fac-site, degraded (counts 0.2)
 *   c-plan  0   governance on inf-data (no barrier); c-cctv 0.9 on fac-room but planned
 */
export function workedExample(): AttackGraph {
  return tiny({
    nodes: {
      'fac-site': { criticality: 1 },
      'fac-room': { criticality: 2 },
      'sys-web': { criticality: 3 },
      'sys-app': { criticality: 4 },
      'sys-idp': { criticality: 5 },
      'inf-data': { criticality: 5 },
      'p-op': {},
    },
    steps: [
      ['fac-site', 'fac-room', 'physical'],
      ['fac-room', 'sys-app', 'physical'],
      ['sys-web', 'sys-app', 'network'],
      ['sys-app', 'inf-data', 'logical'],
      ['sys-idp', 'sys-app', 'dependency'],
      ['p-op', 'inf-data', 'access'],
    ],
    controls: [
      { id: 'c-fw', effectiveness: 0.5, protects: ['sys-app'], vectors: ['network'], dependsOn: ['sys-idp'] },
      {
        id: 'c-mon',
        effectiveness: 0.5,
        protects: ['sys-app', 'inf-data'],
        vectors: ['network', 'logical', 'physical'],
      },
      {
        id: 'c-lock',
        effectiveness: 0.6,
        domains: ['physical'],
        protects: ['fac-room'],
        dependsOn: ['sys-idp'],
      },
      {
        id: 'c-fence',
        effectiveness: 0.4,
        domains: ['physical'],
        protects: ['fac-site'],
        status: 'degraded',
      },
      { id: 'c-plan', effectiveness: 0, domains: ['governance'], protects: ['inf-data'] },
      { id: 'c-cctv', effectiveness: 0.9, domains: ['physical'], protects: ['fac-room'], status: 'planned' },
    ],
    threats: [
      {
        id: 'thr-t',
        startsAt: ['sys-web', 'fac-site'],
        targets: ['inf-data', 'sys-app'],
        capability: 3,
        intent: 3,
      },
      { id: 'thr-insider', startsAt: ['p-op'], targets: ['inf-data'], capability: 5, intent: 4 },
    ],
  });
}
