import { CoverageData, SECURITY_DOMAINS, SecurityDomain as Domain } from '@rampart/domain';

/** Required domains by asset label (docs/spec/analytics.md §5 defaults). */
export const REQUIRED_DOMAINS: Record<string, Domain[]> = {
  Information: ['governance', 'personnel', 'information', 'cyber', 'physical'],
  System: ['governance', 'personnel', 'cyber', 'physical'],
  Facility: ['governance', 'personnel', 'physical'],
  Person: ['governance', 'personnel', 'physical'],
  Asset: ['governance', 'physical'],
};

export interface DomainCoverage {
  domain: Domain;
  required: boolean;
  covered: boolean;
  /** Controls in force of this domain on the asset or its containers (inherited: on a container). */
  controls: { id: string; name: string; inherited: boolean; on: string; onName: string }[];
  /** Personnel only: the share of people with access who are protected (1 when nobody has access). */
  fraction?: number;
}

export interface Coverage {
  assetId: string;
  requiredDomains: Domain[];
  coveredDomains: Domain[];
  missingDomains: Domain[];
  /** Covered required domains / required domains. */
  score: number;
  functions: string[];
  domains: DomainCoverage[];
}

const inForce = (status: string) => status === 'implemented' || status === 'degraded';
const DAY = 86_400_000;

export function requiredDomainsOf(labels: readonly string[]): Domain[] {
  const key = ['Information', 'System', 'Facility', 'Person'].find((l) => labels.includes(l)) ?? 'Asset';
  return REQUIRED_DOMAINS[key];
}

/**
 * The five domains around one asset (docs/spec/analytics.md §5), as of `asOf`, with the organisation's
 * review interval. Controls count when implemented or degraded, whatever their effectiveness.
 */
export function coverageOf(d: CoverageData, asOf: string, reviewIntervalDays: number): Coverage {
  const controls = d.controls.filter((c) => inForce(c.status));
  const containerLabels = new Map(d.containers.map((c) => [c.id, c.labels]));
  const of = (domain: Domain, where: (on: string) => boolean = () => true) =>
    controls
      .filter((c) => c.domains.includes(domain) && where(c.on))
      .map((c) => ({ id: c.id, name: c.name, inherited: c.on !== d.id, on: c.on, onName: c.onName }));
  const onSelf = (on: string) => on === d.id;
  const onA = (label: string) => (on: string) =>
    on === d.id || Boolean(containerLabels.get(on)?.includes(label));

  const asOfMs = Date.parse(asOf);
  const reviewed = d.reviews.some((r) => {
    const t = Date.parse(r.slice(0, 10));
    return t <= asOfMs && asOfMs - t <= reviewIntervalDays * DAY;
  });
  const governance = of('governance');
  const fraction = d.access.people ? d.access.protectedPeople / d.access.people : 1;
  const isInformation = d.labels.includes('Information');
  const information = isInformation ? of('information', onSelf) : [];
  const cyber = of('cyber', onA('System'));
  const physical = of('physical', onA('Facility'));

  const covered: Record<Domain, boolean> = {
    governance: d.owned && (governance.length > 0 || reviewed),
    personnel: fraction === 1,
    information: isInformation && Boolean(d.classification) && information.length > 0,
    cyber: cyber.length > 0,
    physical: physical.length > 0,
  };
  const required = requiredDomainsOf(d.labels);
  const lists: Record<Domain, DomainCoverage['controls']> = {
    governance,
    // People carry the personnel controls: listed through a person they protect.
    personnel: d.access.controls.map((c) => ({ ...c, inherited: true })),
    information,
    cyber,
    physical,
  };
  const domains = SECURITY_DOMAINS.map((domain) => ({
    domain,
    required: required.includes(domain),
    covered: covered[domain],
    controls: lists[domain],
    ...(domain === 'personnel' ? { fraction } : {}),
  }));
  const coveredDomains = SECURITY_DOMAINS.filter((x) => covered[x]);
  return {
    assetId: d.id,
    requiredDomains: required,
    coveredDomains,
    missingDomains: required.filter((x) => !covered[x]),
    score: required.filter((x) => covered[x]).length / required.length,
    functions: [...new Set(controls.flatMap((c) => c.functions))].sort(),
    domains,
  };
}
