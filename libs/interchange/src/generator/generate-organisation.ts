import { NATIVE_FORMAT } from '@rampart/domain';
import { generateControls } from './generate-controls';
import {
  generateAssets,
  generateFacilities,
  generateInformation,
  generateOrgStructure,
  generateSystems,
} from './generate-estate';
import { assignOwners, generatePeople } from './generate-people';
import { Item } from './generator-parts';
import { prefixIds } from './prefix-ids';
import { Random } from './random';

export interface GenerateOptions {
  people: number;
  seed: number;
  /**
   * The organisation's id (default `org-gen-<seed>`). Every other id of the file starts with it
   * (`org-gen-7:p-000001`), so any number of generated organisations share a graph.
   */
  organizationId?: string;
  /** Dates (vetting, tests, reviews) are spread before this day. */
  asOf?: Date;
}

const LEVELS = ['UNCLASSIFIED', 'OFFICIAL', 'SENSITIVE', 'SECRET', 'TOP_SECRET'];

/**
 * A deterministic, realistic organisation for benchmarks and scale tests: nested facilities
 * (site > building > floor > room), systems in rooms behind a few identity providers, information
 * on systems, people with skewed access, layered controls with gaps (planned, failed, degraded,
 * missing), threats with entry points. Sizes scale with `people` (about 1.5 entities per person).
 */
export function generateOrganisation(options: GenerateOptions): Item {
  // The steps share one Random: their order is what keeps an organisation identical for its seed.
  const r = new Random(options.seed);
  const asOf = options.asOf ?? new Date('2026-11-01T00:00:00Z');
  const n = Math.max(10, Math.floor(options.people));
  const orgId = options.organizationId ?? defaultOrganizationId(options.seed);

  const { units, providers } = generateOrgStructure(r, n);
  const estate = generateFacilities(r, n);
  const { facilities, buildings, serverRooms } = estate;
  const { systems, idps, badge, systemIds, internetFacing, ot } = generateSystems(r, n, asOf, estate);
  const information = generateInformation(r, n, systemIds);
  const assets = generateAssets(r, n, estate.rooms);
  const infoIds = information.map((x) => String(x.id));
  const people = generatePeople(r, { n, asOf, buildings, serverRooms, systemIds, infoIds, units, providers });
  const owned = [...systems, ...information, ...assets, ...facilities.filter((f) => f.businessImpact)];
  const owners = assignOwners(r, n, people, owned);

  const controls = generateControls(r, {
    asOf,
    idps,
    badge,
    buildings,
    serverRooms,
    systems: systemIds,
    ot,
    information: infoIds,
    units,
    people,
    owners,
  });
  const threats = generateThreats(r, { facilities, systemIds, internetFacing, ot, infoIds, people });
  const risks = generateRisks(r, threats, asOf);

  const doc = strip({
    format: NATIVE_FORMAT,
    organization: organisationSettings(orgId, options.seed),
    classificationLevels: LEVELS,
    orgUnits: units,
    serviceProviders: providers,
    people,
    facilities,
    systems,
    information,
    assets,
    controls,
    threats,
    risks,
  }) as Item;
  return prefixIds(doc, `${orgId}:`);
}

/** The organisation id `rampart generate` uses when none is given. */
export const defaultOrganizationId = (seed: number) => `org-gen-${seed}`;

function organisationSettings(orgId: string, seed: number): Item {
  return {
    id: orgId,
    name: `Generated organisation ${seed}`,
    riskTolerance: 'medium',
    reviewIntervalDays: 365,
    vettingIntervalDays: { OFFICIAL: 1825, SECRET: 730, TOP_SECRET: 365 },
    criticalThreshold: 4,
    responseForce: { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.95 },
  };
}

interface ThreatInputs {
  facilities: Item[];
  systemIds: string[];
  internetFacing: string[];
  ot: string[];
  infoIds: string[];
  people: Item[];
}

/** Criminals entering through the internet, an insider, and activists at a site. */
function generateThreats(r: Random, c: ThreatInputs): Item[] {
  return [
    {
      id: 'thr-crime',
      name: 'Organised criminals',
      kind: 'criminal',
      capability: 4,
      intent: 4,
      startsAt: c.internetFacing.length ? c.internetFacing : [c.systemIds[0]],
      targets: r.sample(c.infoIds, 5),
    },
    {
      id: 'thr-insider',
      name: 'Malicious insider',
      kind: 'insider',
      capability: 3,
      intent: 2,
      startsAt: r.sample(
        c.people.map((p) => String(p.id)),
        5,
      ),
      targets: r.sample(c.infoIds, 5),
    },
    {
      id: 'thr-activist',
      name: 'Activists',
      kind: 'activist',
      capability: 2,
      intent: 4,
      startsAt: r.sample(
        c.facilities.filter((f) => f.level === 'site').map((f) => String(f.id)),
        1,
      ),
      targets: c.ot.length ? r.sample(c.ot, 3) : r.sample(c.systemIds, 2),
    },
  ];
}

/** One risk per threat, against its first target. */
function generateRisks(r: Random, threats: Item[], asOf: Date): Item[] {
  return threats.map((t, i) => ({
    id: `rsk-${i}`,
    threat: t.id,
    asset: (t.targets as string[])[0],
    likelihood: r.int(2, 4),
    consequence: r.int(3, 5),
    treatment: r.chance(0.5) ? 'treat' : undefined,
    reviewedAt: r.dateBefore(asOf, 500),
  }));
}

/** Drops undefined values so the document serialises cleanly and validates. */
function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Item)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, strip(x)]),
    );
  }
  return v;
}
