import type { DeactivationReason } from '../../../contract/users.ts';
import type { Role } from '../../db/schema.ts';
import type { SeededRandom } from './random.ts';

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Amelia',
  'Noah',
  'Isla',
  'Oliver',
  'Mia',
  'Jack',
  'Charlotte',
  'William',
  'Ava',
  'Leo',
  'Grace',
  'Lucas',
  'Chloe',
  'Henry',
  'Zoe',
  'Thomas',
  'Ruby',
  'James',
  'Sofia',
  'Mateo',
  'Aiko',
  'Hiroshi',
  'Priya',
  'Arjun',
  'Fatima',
  'Omar',
  'Ingrid',
  'Lars',
  'Camille',
  'Étienne',
  'Ana',
  'João',
  'Chen',
  'Mei',
];
const LAST_NAMES = [
  'Smith',
  'Nguyen',
  'Williams',
  'Brown',
  'Taylor',
  'Wilson',
  'Martin',
  'Anderson',
  'Thompson',
  'Walker',
  'Müller',
  'Schmidt',
  'Rossi',
  'García',
  'Silva',
  'Tanaka',
  'Sato',
  'Patel',
  'Sharma',
  'Kowalski',
  "O'Brien",
  'Dubois',
  'Larsen',
  'Haddad',
  'Kim',
  'Park',
  'Cohen',
  'Novak',
  'Jansen',
  'Costa',
];

export interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  /** Never accepted the invitation: no password, no activity. */
  invited: boolean;
  deactivation?: { reason: DeactivationReason; note: string | null; daysAgo: number };
  /** Days before now of the last sign-in: most are recent, a few went quiet (inactive users). */
  quietForDays: number;
  /** Probability of signing in on a working day. */
  diligence: number;
  devices: ('desktop' | 'mobile' | 'tablet')[];
}

const DEACTIVATIONS: { reason: DeactivationReason; note: string | null }[] = [
  { reason: 'left_organization', note: null },
  { reason: 'left_organization', note: 'Moved to the Melbourne office of our parent company.' },
  { reason: 'license_reassignment', note: null },
  { reason: 'no_longer_requires_access', note: null },
  { reason: 'security_compliance', note: 'Password seen in a breach; account under review.' },
  { reason: 'other', note: 'Contract ended early.' },
];

/** ~50 people: 3 owners, mostly members, some invited, some deactivated, a few gone quiet. */
export function generateDemoPeople(random: SeededRandom, count: number, domain: string): DemoPerson[] {
  const people: DemoPerson[] = [];
  const usedEmails = new Set<string>();
  for (let index = 0; people.length < count; index++) {
    const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
    const last = random.pick(LAST_NAMES);
    const email = `${ascii(first)}.${ascii(last)}@${domain}`.toLowerCase();
    if (usedEmails.has(email)) continue;
    usedEmails.add(email);
    const position = people.length;
    const deactivation = position % 9 === 8 ? DEACTIVATIONS[((position / 9) % DEACTIVATIONS.length) | 0] : undefined;
    const devices: DemoPerson['devices'] = ['desktop'];
    if (random.chance(0.6)) devices.push('mobile');
    if (random.chance(0.2)) devices.push('tablet');
    people.push({
      name: `${first} ${last}`,
      email,
      role: position < 2 ? 'owner' : 'member',
      invited: position % 13 === 12,
      ...(deactivation ? { deactivation: { ...deactivation, daysAgo: random.int(5, 60) } } : {}),
      quietForDays: position % 7 === 6 ? random.int(35, 120) : random.int(0, 3),
      diligence: 0.5 + random.next() * 0.45,
      devices,
    });
  }
  return people;
}

function ascii(value: string): string {
  return value.normalize('NFD').replace(/[^A-Za-z]/g, '');
}
