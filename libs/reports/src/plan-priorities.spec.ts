import { planPriorities, PriorityInput } from './plan-priorities';
import { WeakestLinkRow } from './report-data';

const link = (name: string, riskIncrease: number, spof: number): WeakestLinkRow => ({
  control: { id: name, name, kind: 'Control', domains: ['cyber'], status: 'implemented', effectiveness: 0.9 },
  riskIncrease,
  singlePointOfFailureFor: spof,
});

const none: PriorityInput = {
  exposedCriticalAssets: 0,
  untreatedAboveTolerance: 0,
  missingDomains: [],
  weakestLinks: [],
  failedControls: 0,
  untestedControls: 0,
  plannedControls: 0,
};

describe('planPriorities', () => {
  it('says nothing when the graph shows nothing to do', () => {
    expect(planPriorities(none)).toEqual([]);
  });

  it('orders open ways in, risks, missing domains (most first), links, then controls', () => {
    expect(
      planPriorities({
        exposedCriticalAssets: 2,
        untreatedAboveTolerance: 1,
        missingDomains: [
          { domain: 'cyber', criticalAssets: 1 },
          { domain: 'personnel', criticalAssets: 5 },
          { domain: 'physical', criticalAssets: 0 },
        ],
        weakestLinks: [
          link('MFA', 12, 3),
          link('Badge', 0, 0),
          link('CCTV', 2, 0),
          link('Fence', 1, 0),
          link('X', 1, 0),
        ],
        failedControls: 1,
        untestedControls: 4,
        plannedControls: 2,
      }),
    ).toEqual([
      'Close the open ways in to 2 critical assets that a threat reaches with no control in the way.',
      "Decide a treatment for 1 risk above the organisation's tolerance.",
      'Personnel: cover the 5 critical assets it is missing on.',
      'Cyber: cover the 1 critical asset it is missing on.',
      'Back up MFA with an independent layer; it alone protects 3 critical assets.',
      'Back up CCTV with an independent layer.',
      'Back up Fence with an independent layer.',
      'Repair or replace 1 failed control.',
      'Test 4 controls in force not tested within the review interval.',
      'Bring 2 planned controls into force.',
    ]);
  });
});
