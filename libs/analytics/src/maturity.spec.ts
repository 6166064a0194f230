import { DomainEvidence, domainMaturity, domainOfClause } from './maturity';

const full: DomainEvidence = {
  criticalRequired: 20,
  criticalCovered: 20,
  controls: 10,
  inForce: 10,
  tested: 10,
  highFindings: 0,
  findings: 0,
};

describe('domainMaturity (docs/metrics.md, worked by hand)', () => {
  it('is Optimised when everything is covered, in force, tested and clean', () => {
    expect(domainMaturity(full)).toEqual({ level: 5, label: 'Optimised', next: [] });
  });

  it('is Initial without a control in force, whatever the coverage', () => {
    const m = domainMaturity({ ...full, inForce: 0, tested: 0 });
    expect(m.level).toBe(1);
    expect(m.next).toEqual(['put at least one control in force']);
  });

  it('is Initial below half coverage and says how many assets are missing', () => {
    // 9 of 20 covered: half is 10, so one more.
    const m = domainMaturity({ ...full, criticalCovered: 9 });
    expect(m).toEqual({
      level: 1,
      label: 'Initial',
      next: ['cover 1 more of the 20 critical assets that require it (now 45 %, needs 50 %)'],
    });
  });

  it('is Developing at 50-79 % coverage', () => {
    // 15 of 20 = 75 %: level 2; 80 % needs 16.
    const m = domainMaturity({ ...full, criticalCovered: 15 });
    expect(m.level).toBe(2);
    expect(m.next).toEqual(['cover 1 more of the 20 critical assets that require it (now 75 %, needs 80 %)']);
  });

  it('is Defined with 80 % coverage and 80 % in force, held at 3 by untested controls', () => {
    // 16/20 = 80 % covered, 8/10 in force, 4/8 tested: level 3; level 4 needs 95 %, 90 %, 80 %.
    const m = domainMaturity({ ...full, criticalCovered: 16, inForce: 8, tested: 4 });
    expect(m.level).toBe(3);
    expect(m.next).toEqual([
      'cover 3 more of the 20 critical assets that require it (now 80 %, needs 95 %)',
      'bring 90 % of its controls into force (now 8 of 10: 80 %)',
      'test 80 % of its controls in force within the review interval (now 4 of 8: 50 %)',
    ]);
  });

  it('is held at Defined by a single high-severity finding', () => {
    const m = domainMaturity({ ...full, highFindings: 1, findings: 1 });
    expect(m.level).toBe(3);
    expect(m.next).toEqual(['resolve its 1 high-severity finding']);
  });

  it('is Managed with a medium finding left', () => {
    const m = domainMaturity({ ...full, findings: 2 });
    expect(m).toEqual({ level: 4, label: 'Managed', next: ['resolve its 2 findings'] });
  });

  it('never skips a step: level 4 conditions without level 2 coverage stay at 1', () => {
    expect(domainMaturity({ ...full, criticalCovered: 0 }).level).toBe(1);
  });

  it('counts coverage as complete when no critical asset requires the domain', () => {
    expect(domainMaturity({ ...full, criticalRequired: 0, criticalCovered: 0 }).level).toBe(5);
  });

  it('never rises when evidence gets worse (monotone in every input)', () => {
    const worse: Partial<DomainEvidence>[] = [
      { criticalCovered: 19 },
      { inForce: 9, tested: 9 },
      { tested: 9 },
      { findings: 1 },
      { highFindings: 1, findings: 1 },
    ];
    for (const w of worse) expect(domainMaturity({ ...full, ...w }).level).toBeLessThan(5);
  });
});

describe('domainOfClause', () => {
  it.each([
    ['7.2.4', 'personnel'],
    ['8.2.2', 'information'],
    ['6.2.2.9', 'governance'],
    ['3.1, 6.1', 'governance'],
    ['9.1', 'cyber'],
    ['10', 'physical'],
    ['3.1', null],
  ])('%s -> %s', (clause, domain) => {
    expect(domainOfClause(clause)).toBe(domain);
  });
});
