import { Item, impact, pad } from './generator-parts';
import { Random } from './random';

// Every step draws from the shared Random: the order of calls (and of draws within each object
// literal) is what makes an organisation byte-identical for its seed, so keep it.

export interface OrgStructure {
  units: Item[];
  providers: Item[];
}

export interface Facilities {
  facilities: Item[];
  buildings: string[];
  rooms: string[];
  serverRooms: string[];
}

export interface Systems {
  systems: Item[];
  idps: string[];
  badge: string;
  /** The ordinary (non-identity, non-badge) systems. */
  systemIds: string[];
  internetFacing: string[];
  ot: string[];
}

/** The board, departments and contractors. */
export function generateOrgStructure(r: Random, n: number): OrgStructure {
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
  return { units, providers };
}

/** Sites > buildings > floors > rooms; a server room in every building. */
export function generateFacilities(r: Random, n: number): Facilities {
  const out: Facilities = { facilities: [], buildings: [], rooms: [], serverRooms: [] };
  const sites = Math.max(1, Math.ceil(n / 2000));
  for (let s = 0; s < sites; s++) {
    const site = `fac-s${pad(s, 4)}`;
    out.facilities.push({ id: site, name: `Site ${s}`, level: 'site' });
    for (let b = 0; b < r.int(1, 3); b++) addBuilding(r, out, site, s, b);
  }
  return out;
}

function addBuilding(r: Random, out: Facilities, site: string, s: number, b: number): void {
  const building = `${site}-b${b}`;
  out.buildings.push(building);
  out.facilities.push({ id: building, name: `Building ${s}.${b}`, level: 'building', locatedIn: site });
  const serverRoom = `${building}-dc`;
  out.serverRooms.push(serverRoom);
  out.facilities.push({
    id: serverRoom,
    name: `Server room ${s}.${b}`,
    level: 'room',
    locatedIn: building,
    businessImpact: impact(r, 2, 5),
  });
  for (let f = 0; f < r.int(1, 4); f++) {
    const floor = `${building}-f${f}`;
    out.facilities.push({ id: floor, name: `Floor ${s}.${b}.${f}`, level: 'floor', locatedIn: building });
    for (let z = 0; z < r.int(1, 3); z++) {
      const room = `${floor}-r${z}`;
      out.rooms.push(room);
      out.facilities.push({ id: room, name: `Room ${s}.${b}.${f}.${z}`, level: 'room', locatedIn: floor });
    }
  }
}

/** A few identity providers and the badge system; everything else depends on one of them. */
export function generateSystems(r: Random, n: number, asOf: Date, estate: Facilities): Systems {
  const out: Systems = {
    systems: [],
    idps: [],
    badge: 'sys-badge',
    systemIds: [],
    internetFacing: [],
    ot: [],
  };
  addIdentityProviders(r, n, estate, out);
  out.systems.push({
    id: out.badge,
    name: 'Badge access system',
    kind: 'ict',
    hostedIn: estate.serverRooms[0],
    dependsOn: [out.idps[0]],
    authorizedToOperateUntil: '2027-06-30',
  });
  for (let i = 0; i < Math.max(5, Math.ceil(n / 10)); i++) addApplication(r, i, asOf, estate, out);
  connectSystems(r, out);
  return out;
}

function addIdentityProviders(r: Random, n: number, estate: Facilities, out: Systems): void {
  for (let i = 0; i < Math.max(1, Math.ceil(n / 30000)); i++) {
    const id = `sys-idp-${i}`;
    out.idps.push(id);
    out.systems.push({
      id,
      name: `Identity provider ${i}`,
      kind: 'ict',
      hostedIn: r.pick(estate.serverRooms),
      businessImpact: impact(r, 4, 5),
      authorizedToOperateUntil: '2027-12-31',
    });
  }
}

/** An application, portal (internet-facing) or control system (OT). */
function addApplication(r: Random, i: number, asOf: Date, estate: Facilities, out: Systems): void {
  const id = `sys-${pad(i)}`;
  const isOt = r.chance(0.1);
  const facing = !isOt && r.chance(0.05);
  out.systemIds.push(id);
  if (facing) out.internetFacing.push(id);
  if (isOt) out.ot.push(id);
  out.systems.push({
    id,
    name: `${isOt ? 'Control system' : facing ? 'Portal' : 'Application'} ${i}`,
    kind: isOt ? 'ot' : 'ict',
    internetFacing: facing || undefined,
    hostedIn: r.chance(0.8) ? r.pick(estate.serverRooms) : r.pick(estate.rooms),
    dependsOn: isOt ? undefined : [r.pick(out.idps)],
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

/** Network links between the systems after the identity providers and the badge system. */
function connectSystems(r: Random, out: Systems): void {
  for (const s of out.systems.slice(out.idps.length + 1)) {
    const targets = r.sample(out.systemIds, r.int(0, 3)).filter((t) => t !== s.id);
    if (targets.length) s.connectsTo = targets;
  }
}

/** Datasets stored on one or two systems. */
export function generateInformation(r: Random, n: number, systemIds: string[]): Item[] {
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
  return information;
}

/** Equipment kept in rooms. */
export function generateAssets(r: Random, n: number, rooms: string[]): Item[] {
  const assets: Item[] = [];
  for (let i = 0; i < Math.max(2, Math.ceil(n / 100)); i++) {
    assets.push({
      id: `ast-${pad(i)}`,
      name: `Equipment ${i}`,
      hostedIn: r.pick(rooms),
      businessImpact: impact(r, 1, 4),
    });
  }
  return assets;
}
