import { CoverageData } from '@rampart/domain';
import { coverageOf } from './coverage';

const ctl = (id: string, domain: string, on: string, status = 'implemented', functions: string[] = []) => ({
  id,
  name: id,
  domains: [domain],
  functions,
  status,
  effectiveness: 0.5,
  on,
  onName: `${on} name`,
});

/** inf-x (SECRET) stored on sys-a, hosted in fac-r, inside fac-b; two people with access. */
const base: CoverageData = {
  id: 'inf-x',
  name: 'X',
  labels: ['Information', 'Asset'],
  classification: 'SECRET',
  criticality: 5,
  owned: true,
  containers: [
    { id: 'sys-a', labels: ['System', 'Asset'] },
    { id: 'fac-r', labels: ['Facility', 'Asset'] },
    { id: 'fac-b', labels: ['Facility', 'Asset'] },
  ],
  controls: [
    ctl('c-gov', 'governance', 'fac-b', 'implemented', ['deter']),
    { ...ctl('c-info', 'information', 'inf-x'), effectiveness: 0 }, // a policy still covers
    ctl('c-cy', 'cyber', 'sys-a', 'degraded', ['detect']),
    ctl('c-ph', 'physical', 'fac-r', 'planned', ['delay']), // planned: does not count
  ],
  // p-1 protected by c-vet (implemented); p-2 only by a failed control: not counted.
  access: {
    people: 2,
    protectedPeople: 1,
    controls: [{ id: 'c-vet', name: 'Vetting', on: 'p-1', onName: 'Pat' }],
  },
  reviews: [],
};

describe('coverage (docs/spec/analytics.md §5), computed by hand', () => {
  it('covers governance, information and cyber, through containers; personnel half; physical missing', () => {
    const c = coverageOf(base, '2026-11-23', 365);
    expect(c.requiredDomains).toEqual(['governance', 'personnel', 'information', 'cyber', 'physical']);
    expect(c.coveredDomains).toEqual(['governance', 'information', 'cyber']);
    expect(c.missingDomains).toEqual(['personnel', 'physical']);
    expect(c.score).toBeCloseTo(3 / 5, 12);
    expect(c.functions).toEqual(['detect', 'deter']);
    const personnel = c.domains.find((d) => d.domain === 'personnel');
    expect(personnel).toMatchObject({ covered: false, fraction: 0.5 });
    expect(personnel?.controls).toEqual([
      { id: 'c-vet', name: 'Vetting', inherited: true, on: 'p-1', onName: 'Pat' },
    ]);
    expect(c.domains.find((d) => d.domain === 'cyber')?.controls).toEqual([
      { id: 'c-cy', name: 'c-cy', inherited: true, on: 'sys-a', onName: 'sys-a name' },
    ]);
  });

  it('needs an owner for governance, and accepts a recent risk review instead of a control', () => {
    expect(coverageOf({ ...base, owned: false }, '2026-11-23', 365).coveredDomains).not.toContain(
      'governance',
    );
    const noGov = { ...base, controls: base.controls.filter((c) => c.id !== 'c-gov') };
    expect(coverageOf(noGov, '2026-11-23', 365).coveredDomains).not.toContain('governance');
    expect(coverageOf({ ...noGov, reviews: ['2026-08-15'] }, '2026-11-23', 365).coveredDomains).toContain(
      'governance',
    );
    expect(coverageOf({ ...noGov, reviews: ['2025-10-01'] }, '2026-11-23', 365).coveredDomains).not.toContain(
      'governance',
    );
    expect(coverageOf({ ...noGov, reviews: ['2027-01-01'] }, '2026-11-23', 365).coveredDomains).not.toContain(
      'governance',
    );
  });

  it('counts nobody with access as personnel covered, and needs a classification for information', () => {
    const c = coverageOf(
      { ...base, access: { people: 0, protectedPeople: 0, controls: [] }, classification: undefined },
      '2026-11-23',
      365,
    );
    expect(c.coveredDomains).toContain('personnel');
    expect(c.coveredDomains).not.toContain('information');
  });

  it('requires the domains of the asset kind; a plain asset needs governance and physical only', () => {
    const plain = {
      ...base,
      id: 'ast-cash',
      labels: ['Asset'],
      containers: [],
      controls: [],
      access: { people: 0, protectedPeople: 0, controls: [] },
    };
    const bare = coverageOf(plain, '2026-11-23', 365);
    expect(bare.requiredDomains).toEqual(['governance', 'physical']);
    expect(bare.score).toBe(0);
    const safe = coverageOf(
      { ...plain, controls: [ctl('c-safe', 'physical', 'ast-cash')] },
      '2026-11-23',
      365,
    );
    expect(safe).toMatchObject({
      score: 0.5,
      coveredDomains: ['personnel', 'physical'],
      missingDomains: ['governance'],
    });
  });
});
