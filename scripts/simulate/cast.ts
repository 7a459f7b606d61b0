import { createHash } from 'node:crypto';
import type { DeviceInfo } from '../../src/sdk/index.ts';
import { DEMO_ATTACKER_PLACES, DEMO_PLACES, type DemoPlace } from '../../src/server/features/demo/demo-places.ts';
import { SeededRandom } from '../../src/server/features/demo/random.ts';
import type { ConsoleUser, Organization } from './console-api.ts';

export interface SimDevice extends DeviceInfo {
  /** What the person would call it; decides the User-Agent and the OS. */
  kind: 'desktop' | 'laptop' | 'tablet';
}

export interface SimPlace {
  label: string;
  ip: string;
}

export interface SimPerson {
  user: ConsoleUser;
  password: string;
  /** Product keys the person holds a seat of and uses; empty for people without a seat. */
  apps: string[];
  /** For people without a seat: the app they try anyway (and must be refused with 403 no-license). */
  triesWithoutSeat: string | undefined;
  devices: SimDevice[];
  home: SimPlace;
  /** Types a wrong password once before the first sign-in. */
  mistypesPassword: boolean;
  /** Someone far away signs in with this person's password during the run (account sharing / stolen password). */
  sharesAccount: boolean;
}

export interface Cast {
  people: SimPerson[];
  warnings: string[];
}

/**
 * Picks `count` active people of the organization: mostly seat holders, about one in ten without a seat (at least one
 * when there are three or more), one or two who mistype their password, and, from eight people up, one whose account
 * is also used from an attacker's address.
 */
export function chooseCast(
  organization: Organization,
  options: {
    count: number;
    app: string | undefined;
    ownerEmail: string;
    ownerPassword: string;
    memberPassword: string;
  },
  random: SeededRandom,
): Cast {
  const warnings: string[] = [];
  const known = new Set(organization.products.map((product) => product.key));
  if (options.app !== undefined && !known.has(options.app)) {
    throw new Error(`--app ${options.app}: no such product (known: ${[...known].join(', ') || 'none'})`);
  }
  const wanted = (key: string) => options.app === undefined || key === options.app;
  const licensed = [...new Set(organization.subscriptions.map((s) => s.product.key))].filter(wanted);
  // Without any usable subscription there is nothing to hold; people then try a product that exists.
  const triable = licensed.length > 0 ? licensed : [...known].filter(wanted);
  if (triable.length === 0) throw new Error('The server knows no products: nothing to simulate.');
  if (licensed.length === 0)
    warnings.push('No subscription with seats for the chosen products: everyone will get 403.');

  // Invited people have no password yet: they cannot sign in anywhere.
  const people = shuffle(
    organization.users.filter((user) => user.status === 'active' && !user.invitationPending),
    random,
  );
  const appsOf = (user: ConsoleUser) => [...(organization.seats.get(user.id) ?? [])].filter(wanted).sort();
  const holders = people.filter((user) => appsOf(user).length > 0);
  const seatless = people.filter(
    (user) => triable.some((key) => !appsOf(user).includes(key)) && !holders.includes(user),
  );

  let seatlessCount = options.count >= 3 ? Math.max(1, Math.round(options.count * 0.1)) : 0;
  seatlessCount = Math.min(seatlessCount, seatless.length);
  let holderCount = Math.min(options.count - seatlessCount, holders.length);
  // Not enough seat holders: fill up with people without a seat rather than simulate fewer people.
  seatlessCount = Math.min(seatless.length, options.count - holderCount);
  holderCount = Math.min(holders.length, options.count - seatlessCount);
  if (holderCount + seatlessCount < options.count) {
    warnings.push(`Only ${holderCount + seatlessCount} people can sign in (of ${options.count} asked).`);
  }

  const cast: SimPerson[] = [];
  const password = (user: ConsoleUser) =>
    user.email.toLowerCase() === options.ownerEmail.toLowerCase() ? options.ownerPassword : options.memberPassword;
  for (const user of holders.slice(0, holderCount)) {
    cast.push(newPerson(user, password(user), appsOf(user), undefined));
  }
  for (const user of seatless.slice(0, seatlessCount)) {
    const missing = triable.filter((key) => !appsOf(user).includes(key));
    cast.push(newPerson(user, password(user), [], random.pick(missing)));
  }
  const seated = cast.filter((person) => person.apps.length > 0);
  for (const person of seated.slice(0, seated.length >= 10 ? 2 : 1)) person.mistypesPassword = true;
  const sharer = seated.length >= 8 ? seated[seated.length - 1] : undefined;
  if (sharer) sharer.sharesAccount = true;
  return { people: shuffle(cast, random), warnings };
}

/**
 * Devices and home come from a generator seeded by the user's id, not by --seed: every run gives a person the same
 * laptop and the same home address, so repeated runs do not flood the console with "new device" and "new country"
 * alerts.
 */
export function newPerson(
  user: ConsoleUser,
  password: string,
  apps: string[],
  triesWithoutSeat: string | undefined,
): SimPerson {
  const random = new SeededRandom(createHash('sha256').update(user.id).digest().readUInt32BE(0));
  const count = random.pickWeighted([
    { value: 1, weight: 50 },
    { value: 2, weight: 35 },
    { value: 3, weight: 15 },
  ]).value;
  const first = user.name.split(/\s+/)[0] ?? user.name;
  const kinds: SimDevice['kind'][] = [random.chance(0.6) ? 'laptop' : 'desktop'];
  if (count >= 2) kinds.push(random.chance(0.5) ? 'tablet' : kinds[0] === 'laptop' ? 'desktop' : 'laptop');
  if (count >= 3) kinds.push(kinds.includes('tablet') ? (kinds[0] === 'laptop' ? 'desktop' : 'laptop') : 'tablet');
  const homePlace = random.pickWeighted(DEMO_PLACES.filter((place) => !isTrip(place)));
  return {
    user,
    password,
    apps,
    triesWithoutSeat,
    devices: kinds.map((kind) => newDevice(kind, first, random)),
    home: { label: homePlace.label, ip: random.pick(homePlace.ips) },
    mistypesPassword: false,
    sharesAccount: false,
  };
}

const isTrip = (place: DemoPlace) => place.label.startsWith('Travel');

/** A place for one sign-in: home mostly, sometimes a trip (with a laptop or tablet: desktops stay home). */
export function placeFor(person: SimPerson, device: SimDevice, random: SeededRandom): SimPlace {
  if (device.kind === 'desktop' || !random.chance(0.05)) return person.home;
  const trip = random.pick(DEMO_PLACES.filter(isTrip));
  return { label: trip.label, ip: random.pick(trip.ips) };
}

/** Where an intruder using a shared or stolen password signs in from. */
export function attackerPlace(random: SeededRandom): SimPlace {
  const place = random.pickWeighted(DEMO_ATTACKER_PLACES);
  return { label: place.label, ip: random.pick(place.ips) };
}

interface DeviceModel {
  os: string;
  versions: string[];
  name: (first: string, random: SeededRandom) => string;
}

const possessive = (first: string) => `${first}’s`;
const hostSuffix = (random: SeededRandom) =>
  Array.from({ length: 7 }, () => random.pick('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split(''))).join('');

const MODELS: Record<SimDevice['kind'], DeviceModel[]> = {
  desktop: [
    { os: 'Windows', versions: ['11 23H2', '11 24H2', '10 22H2'], name: (_, r) => `DESKTOP-${hostSuffix(r)}` },
    { os: 'macOS', versions: ['15.1', '14.7.1'], name: (first) => `${possessive(first)} iMac` },
    { os: 'macOS', versions: ['15.1'], name: (first) => `${possessive(first)} Mac Studio` },
    { os: 'Ubuntu', versions: ['24.04', '22.04'], name: (first) => `${ascii(first)}-workstation` },
  ],
  laptop: [
    { os: 'macOS', versions: ['15.1', '15.0.1', '14.7.1'], name: (first) => `${possessive(first)} MacBook Pro` },
    { os: 'macOS', versions: ['15.1', '14.6'], name: (first) => `${possessive(first)} MacBook Air` },
    { os: 'Windows', versions: ['11 23H2', '11 24H2'], name: (_, r) => `LAPTOP-${hostSuffix(r)}` },
    { os: 'Windows', versions: ['11 23H2'], name: (first) => `${ascii(first)}-ThinkPad-X1` },
    { os: 'Ubuntu', versions: ['24.04'], name: (first) => `${ascii(first)}-xps13` },
  ],
  tablet: [
    { os: 'iPadOS', versions: ['18.1', '17.7'], name: (first) => `${possessive(first)} iPad Pro` },
    { os: 'iPadOS', versions: ['18.1'], name: (first) => `${possessive(first)} iPad Air` },
    { os: 'Android', versions: ['14', '13'], name: () => 'Galaxy Tab S9' },
  ],
};

function newDevice(kind: SimDevice['kind'], first: string, random: SeededRandom): SimDevice {
  const model = random.pick(MODELS[kind]);
  return {
    kind,
    id: uuidFrom(random),
    name: model.name(first, random),
    os: model.os,
    osVersion: random.pick(model.versions),
    type: kind === 'tablet' ? 'tablet' : 'desktop',
  };
}

/** An unfamiliar Windows PC, as an intruder's would look. */
export function intruderDevice(random: SeededRandom): SimDevice {
  return {
    kind: 'desktop',
    id: uuidFrom(random),
    name: `DESKTOP-${hostSuffix(random)}`,
    os: 'Windows',
    osVersion: '10 22H2',
    type: 'desktop',
  };
}

/** A version-4-shaped UUID drawn from `random`, so a person's devices keep their ids from run to run. */
function uuidFrom(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${(random.int(0, 3) + 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function ascii(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

export function shuffle<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
