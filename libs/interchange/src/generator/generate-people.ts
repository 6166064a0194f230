import { Item, pad } from './generator-parts';
import { Random } from './random';

export interface PeopleInputs {
  n: number;
  asOf: Date;
  buildings: string[];
  serverRooms: string[];
  systemIds: string[];
  infoIds: string[];
  units: Item[];
  providers: Item[];
}

/** People with skewed access; a few separated people still hold access (a finding to find). */
export function generatePeople(r: Random, c: PeopleInputs): Item[] {
  const people: Item[] = [];
  for (let i = 0; i < c.n; i++) people.push(generatePerson(r, i, c));
  people[0].memberOf = ['ou-000000'];
  return people;
}

function generatePerson(r: Random, i: number, c: PeopleInputs): Item {
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
  const access = generateAccess(r, c);
  return {
    id: `p-${pad(i)}`,
    name: `Person ${i}`,
    memberOf: [contractor ? String(r.pick(c.providers).id) : String(r.pick(c.units).id)],
    roles: i === 0 ? ['RSE'] : undefined,
    clearance,
    status,
    separatedAt: status === 'separated' ? r.dateBefore(c.asOf, 400) : undefined,
    lastVettedAt: r.dateBefore(c.asOf, 3000),
    access,
  };
}

/** A building badge, some systems and datasets, and now and then a server room. */
function generateAccess(r: Random, c: PeopleInputs): Item[] {
  const access: Item[] = [{ to: r.pick(c.buildings), mode: 'physical' }];
  for (const to of r.sample(c.systemIds, r.skewed(0, 12)))
    access.push({
      to,
      mode: r.weighted([
        ['read', 6],
        ['write', 3],
        ['admin', 1],
      ] as const),
      justification: r.chance(0.8) ? 'role' : undefined,
    });
  for (const to of r.sample(c.infoIds, r.skewed(0, 6)))
    access.push({ to, mode: 'read', justification: r.chance(0.7) ? 'role' : undefined });
  if (r.chance(0.02)) access.push({ to: r.pick(c.serverRooms), mode: 'physical' });
  return access;
}

/** Gives most of `owned` an owner among the first people; returns those owners' ids. */
export function assignOwners(r: Random, n: number, people: Item[], owned: Item[]): string[] {
  const owners = people.slice(0, Math.max(5, Math.ceil(n / 20))).map((p) => String(p.id));
  for (const a of owned) {
    if (r.chance(0.9)) a.owner = r.pick(owners);
  }
  return owners;
}
