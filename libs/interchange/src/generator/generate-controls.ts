import { Item, pad } from './generator-parts';
import { Random } from './random';

export interface ControlInputs {
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

/** Adds a control with a drawn status, responsible person and last test (`item` may override them). */
type AddControl = (item: Item) => void;

/** Layered controls with gaps: some planned, failed or degraded, some assets left bare. */
export function generateControls(r: Random, c: ControlInputs): Item[] {
  const controls: Item[] = [];
  const add = controlAdder(r, c, controls);
  addPhysicalControls(c, add);
  addSystemControls(r, c, add);
  addInformationControls(r, c, add);
  addVettingControls(c, add);
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

function controlAdder(r: Random, c: ControlInputs, controls: Item[]): AddControl {
  const status = () =>
    r.weighted([
      ['implemented', 85],
      ['degraded', 5],
      ['planned', 5],
      ['failed', 3],
      ['retired', 2],
    ] as const);
  return (item: Item) =>
    controls.push({
      status: status(),
      responsible: r.chance(0.9) ? r.pick(c.owners) : undefined,
      lastTestedAt: r.dateBefore(c.asOf, 700),
      ...item,
    });
}

/** A perimeter around every building and a badge reader on every server room. */
function addPhysicalControls(c: ControlInputs, add: AddControl): void {
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
}

/** MFA (and sometimes EDR) on most systems, and a firewall in front of the OT systems. */
function addSystemControls(r: Random, c: ControlInputs, add: AddControl): void {
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
}

/** Handling rules on most datasets, some of them ineffective. */
function addInformationControls(r: Random, c: ControlInputs, add: AddControl): void {
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
}

/** Vetting for the members of every unit that has any. */
function addVettingControls(c: ControlInputs, add: AddControl): void {
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
}
