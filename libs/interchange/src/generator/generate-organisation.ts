import { NATIVE_FORMAT } from '@rampart/domain';
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

type Item = Record<string, unknown>;
const LEVELS = ['UNCLASSIFIED', 'OFFICIAL', 'SENSITIVE', 'SECRET', 'TOP_SECRET'];
const pad = (n: number, w = 6) => String(n).padStart(w, '0');
const impact = (r: Random, lo = 1, hi = 5) => ({
  confidentiality: r.int(lo, hi),
  integrity: r.int(lo, hi),
  availability: r.int(lo, hi),
});

/**
 * A deterministic, realistic organisation for benchmarks and scale tests: nested facilities
 * (site > building > floor > room), systems in rooms behind a few identity providers, information
 * on systems, people with skewed access, layered controls with gaps (planned, failed, degraded,
 * missing), threats with entry points. Sizes scale with `people` (about 1.5 entities per person).
 */
export function generateOrganisation(options: GenerateOptions): Item {
  const r = new Random(options.seed);
  const asOf = options.asOf ?? new Date('2026-11-01T00:00:00Z');
  const n = Math.max(10, Math.floor(options.people));
  const orgId = options.organizationId ?? defaultOrganizationId(options.seed);

  // Organisation structure.
  const units: Item[] = [{ id: 'ou-000000', name: 'Executive board', topManagement: true }];
  for (let i = 1; i < Math.max(3, Math.ceil(n / 50)); i++)
    units.push({ id: `ou-${pad(i)}`, name: `Department ${i}` });
  const providers: Item[] = [];
  for (let i = 0; i < Math.max(2, Math.ceil(n / 500)); i++) {
    providers.push({
      id: `sp-${pad(i)}`,
      name: `Contractor ${i}`,
      contractHasSecurityClauses: r.chance(0.7),
    });
  }

  // Facilities: sites > buildings > floors > rooms; a server room in every building.
  const facilities: Item[] = [];
  const buildings: string[] = [];
  const rooms: string[] = [];
  const serverRooms: string[] = [];
  const sites = Math.max(1, Math.ceil(n / 2000));
  for (let s = 0; s < sites; s++) {
    const site = `fac-s${pad(s, 4)}`;
    facilities.push({ id: site, name: `Site ${s}`, level: 'site' });
    for (let b = 0; b < r.int(1, 3); b++) {
      const building = `${site}-b${b}`;
      buildings.push(building);
      facilities.push({ id: building, name: `Building ${s}.${b}`, level: 'building', locatedIn: site });
      const serverRoom = `${building}-dc`;
      serverRooms.push(serverRoom);
      facilities.push({
        id: serverRoom,
        name: `Server room ${s}.${b}`,
        level: 'room',
        locatedIn: building,
        businessImpact: impact(r, 2, 5),
      });
      for (let f = 0; f < r.int(1, 4); f++) {
        const floor = `${building}-f${f}`;
        facilities.push({ id: floor, name: `Floor ${s}.${b}.${f}`, level: 'floor', locatedIn: building });
        for (let z = 0; z < r.int(1, 3); z++) {
          const room = `${floor}-r${z}`;
          rooms.push(room);
          facilities.push({ id: room, name: `Room ${s}.${b}.${f}.${z}`, level: 'room', locatedIn: floor });
        }
      }
    }
  }

  // Systems: a few identity providers; everything else depends on one of them.
  const systems: Item[] = [];
  const idps: string[] = [];
  for (let i = 0; i < Math.max(1, Math.ceil(n / 30000)); i++) {
    const id = `sys-idp-${i}`;
    idps.push(id);
    systems.push({
      id,
      name: `Identity provider ${i}`,
      kind: 'ict',
      hostedIn: r.pick(serverRooms),
      businessImpact: impact(r, 4, 5),
      authorizedToOperateUntil: '2027-12-31',
    });
  }
  const badge = 'sys-badge';
  systems.push({
    id: badge,
    name: 'Badge access system',
    kind: 'ict',
    hostedIn: serverRooms[0],
    dependsOn: [idps[0]],
    authorizedToOperateUntil: '2027-06-30',
  });
  const systemIds: string[] = [];
  const internetFacing: string[] = [];
  const ot: string[] = [];
  for (let i = 0; i < Math.max(5, Math.ceil(n / 10)); i++) {
    const id = `sys-${pad(i)}`;
    const isOt = r.chance(0.1);
    const facing = !isOt && r.chance(0.05);
    systemIds.push(id);
    if (facing) internetFacing.push(id);
    if (isOt) ot.push(id);
    systems.push({
      id,
      name: `${isOt ? 'Control system' : facing ? 'Portal' : 'Application'} ${i}`,
      kind: isOt ? 'ot' : 'ict',
      internetFacing: facing || undefined,
      hostedIn: r.chance(0.8) ? r.pick(serverRooms) : r.pick(rooms),
      dependsOn: isOt ? undefined : [r.pick(idps)],
      authorizedToOperateUntil: r.chance(0.9)
        ? r.dateBefore(new Date(asOf.getTime() + 730 * 86_400_000), 900)
        : undefined,
      maxClassification: r.weighted([
        ['OFFICIAL', 4],
        ['SENSITIVE', 3],
        ['SECRET', 1],
      ] as const),
      businessImpact: r.chance(0.7) ? impact(r) : undefined,
    });
  }
  for (const s of systems.slice(idps.length + 1)) {
    const targets = r.sample(systemIds, r.int(0, 3)).filter((t) => t !== s.id);
    if (targets.length) s.connectsTo = targets;
  }

  const information: Item[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(n / 20)); i++) {
    information.push({
      id: `inf-${pad(i)}`,
      name: `Dataset ${i}`,
      classification: r.chance(0.95)
        ? r.weighted([
            ['OFFICIAL', 5],
            ['SENSITIVE', 3],
            ['SECRET', 1],
            ['TOP_SECRET', 0.2],
          ] as const)
        : undefined,
      storedOn: r.sample(systemIds, r.int(1, 2)),
      businessImpact: impact(r, 2, 5),
    });
  }
  const assets: Item[] = [];
  for (let i = 0; i < Math.max(2, Math.ceil(n / 100)); i++) {
    assets.push({
      id: `ast-${pad(i)}`,
      name: `Equipment ${i}`,
      hostedIn: r.pick(rooms),
      businessImpact: impact(r, 1, 4),
    });
  }

  // People: skewed access; a few separated people still hold access (a finding to find).
  const people: Item[] = [];
  const infoIds = information.map((x) => String(x.id));
  for (let i = 0; i < n; i++) {
    const contractor = r.chance(0.1);
    const status = r.weighted([
      ['active', 97],
      ['separated', 2],
      ['suspended', 1],
    ] as const);
    const clearance = r.weighted([
      ['OFFICIAL', 6],
      ['SENSITIVE', 2],
      ['SECRET', 1.5],
      ['TOP_SECRET', 0.2],
    ] as const);
    const access: Item[] = [{ to: r.pick(buildings), mode: 'physical' }];
    for (const to of r.sample(systemIds, r.skewed(0, 12)))
      access.push({
        to,
        mode: r.weighted([
          ['read', 6],
          ['write', 3],
          ['admin', 1],
        ] as const),
        justification: r.chance(0.8) ? 'role' : undefined,
      });
    for (const to of r.sample(infoIds, r.skewed(0, 6)))
      access.push({ to, mode: 'read', justification: r.chance(0.7) ? 'role' : undefined });
    if (r.chance(0.02)) access.push({ to: r.pick(serverRooms), mode: 'physical' });
    people.push({
      id: `p-${pad(i)}`,
      name: `Person ${i}`,
      memberOf: [contractor ? String(r.pick(providers).id) : String(r.pick(units).id)],
      roles: i === 0 ? ['RSE'] : undefined,
      clearance,
      status,
      separatedAt: status === 'separated' ? r.dateBefore(asOf, 400) : undefined,
      lastVettedAt: r.dateBefore(asOf, 3000),
      access,
    });
  }
  people[0].memberOf = ['ou-000000'];

  const owners = people.slice(0, Math.max(5, Math.ceil(n / 20))).map((p) => String(p.id));
  for (const a of [...systems, ...information, ...assets, ...facilities.filter((f) => f.businessImpact)]) {
    if (r.chance(0.9)) a.owner = r.pick(owners);
  }

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
  const threats: Item[] = [
    {
      id: 'thr-crime',
      name: 'Organised criminals',
      kind: 'criminal',
      capability: 4,
      intent: 4,
      startsAt: internetFacing.length ? internetFacing : [systemIds[0]],
      targets: r.sample(infoIds, 5),
    },
    {
      id: 'thr-insider',
      name: 'Malicious insider',
      kind: 'insider',
      capability: 3,
      intent: 2,
      startsAt: r.sample(
        people.map((p) => String(p.id)),
        5,
      ),
      targets: r.sample(infoIds, 5),
    },
    {
      id: 'thr-activist',
      name: 'Activists',
      kind: 'activist',
      capability: 2,
      intent: 4,
      startsAt: r.sample(
        facilities.filter((f) => f.level === 'site').map((f) => String(f.id)),
        1,
      ),
      targets: ot.length ? r.sample(ot, 3) : r.sample(systemIds, 2),
    },
  ];
  const risks = threats.map((t, i) => ({
    id: `rsk-${i}`,
    threat: t.id,
    asset: (t.targets as string[])[0],
    likelihood: r.int(2, 4),
    consequence: r.int(3, 5),
    treatment: r.chance(0.5) ? 'treat' : undefined,
    reviewedAt: r.dateBefore(asOf, 500),
  }));

  const doc = strip({
    format: NATIVE_FORMAT,
    organization: {
      id: orgId,
      name: `Generated organisation ${options.seed}`,
      riskTolerance: 'medium',
      reviewIntervalDays: 365,
      vettingIntervalDays: { OFFICIAL: 1825, SECRET: 730, TOP_SECRET: 365 },
      criticalThreshold: 4,
      responseForce: { timeSeconds: 300, stdDevSeconds: 60, communicationProbability: 0.95 },
    },
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

interface ControlInputs {
  asOf: Date;
  idps: string[];
  badge: string;
  buildings: string[];
  serverRooms: string[];
  systems: string[];
  ot: string[];
  information: string[];
  units: Item[];
  people: Item[];
  owners: string[];
}

/** Layered controls with gaps: some planned, failed or degraded, some assets left bare. */
function generateControls(r: Random, c: ControlInputs): Item[] {
  const controls: Item[] = [];
  const status = () =>
    r.weighted([
      ['implemented', 85],
      ['degraded', 5],
      ['planned', 5],
      ['failed', 3],
      ['retired', 2],
    ] as const);
  const add = (item: Item) =>
    controls.push({
      status: status(),
      responsible: r.chance(0.9) ? r.pick(c.owners) : undefined,
      lastTestedAt: r.dateBefore(c.asOf, 700),
      ...item,
    });
  c.buildings.forEach((b, i) =>
    add({
      id: `ctl-perim-${pad(i)}`,
      name: `Perimeter ${b}`,
      domains: ['physical'],
      functions: ['deter', 'delay'],
      effectiveness: 0.5,
      vectors: ['physical'],
      protects: [b],
      delaySeconds: 60,
      delayStdDevSeconds: 15,
    }),
  );
  c.serverRooms.forEach((room, i) =>
    add({
      id: `ctl-badge-${pad(i)}`,
      name: `Badge reader ${room}`,
      domains: ['physical', 'cyber'],
      functions: ['delay', 'detect'],
      effectiveness: 0.8,
      protects: [room],
      dependsOn: [c.badge],
      detectionProbability: 0.7,
      delaySeconds: 90,
      delayStdDevSeconds: 20,
      detectionPoint: 'beginning',
    }),
  );
  c.systems.forEach((s, i) => {
    if (r.chance(0.1)) return; // left without a cyber control
    add({
      id: `ctl-mfa-${pad(i)}`,
      name: `MFA on ${s}`,
      domains: ['cyber'],
      functions: ['deter', 'delay'],
      effectiveness: 0.9,
      vectors: ['network', 'logical'],
      protects: [s],
      dependsOn: [r.pick(c.idps)],
    });
    if (r.chance(0.3))
      add({
        id: `ctl-edr-${pad(i)}`,
        name: `EDR on ${s}`,
        domains: ['cyber'],
        functions: ['detect', 'respond'],
        effectiveness: 0.5,
        protects: [s],
      });
  });
  if (c.ot.length)
    add({
      id: 'ctl-ot-fw',
      name: 'OT firewall',
      domains: ['cyber'],
      functions: ['delay'],
      effectiveness: 0.7,
      vectors: ['network'],
      protects: c.ot,
    });
  c.information.forEach((inf, i) => {
    if (r.chance(0.2)) return;
    add({
      id: `ctl-class-${pad(i)}`,
      name: `Handling rules ${inf}`,
      domains: ['information'],
      functions: ['deter'],
      effectiveness: r.chance(0.5) ? 0 : 0.3,
      protects: [inf],
    });
  });
  const membersOf = new Map<string, string[]>();
  for (const p of c.people) {
    const unit = (p.memberOf as string[])[0];
    membersOf.set(unit, [...(membersOf.get(unit) ?? []), String(p.id)]);
  }
  c.units.forEach((u, i) => {
    const members = membersOf.get(String(u.id)) ?? [];
    if (members.length)
      add({
        id: `ctl-vet-${pad(i)}`,
        name: `Vetting ${String(u.name)}`,
        domains: ['personnel', 'governance'],
        functions: ['deter'],
        effectiveness: 0.6,
        vectors: ['access'],
        protects: members,
      });
  });
  add({
    id: 'ctl-policy',
    name: 'Security policy',
    domains: ['governance'],
    functions: ['deter'],
    effectiveness: 0,
    status: 'implemented',
    protects: c.information.slice(0, 50),
  });
  return controls;
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
