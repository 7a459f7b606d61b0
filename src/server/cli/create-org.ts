import { parseArgs } from 'node:util';
import { checkOwnerPassword, createOrganization } from '../features/operator/index.ts';
import { report, withDatabase } from './with-database.ts';

export async function runCreateOrg(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-password': { type: 'string' },
      'owner-name': { type: 'string' },
      'time-zone': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const missing = ['name', 'owner-email', 'owner-password'].filter((key) => !values[key as keyof typeof values]);
  if (missing.length) throw new Error(`create-org needs ${missing.map((key) => `--${key}`).join(', ')}`);
  if (!/^[^@\s]+@[^@\s]+$/.test(values['owner-email'] ?? '')) throw new Error('--owner-email is not an email address');
  const timeZone = values['time-zone'];
  if (timeZone) new Intl.DateTimeFormat('en', { timeZone }); // throws RangeError naming the bad zone

  const input = {
    name: values.name!,
    ownerEmail: values['owner-email']!,
    ownerPassword: values['owner-password']!,
    ...(values['owner-name'] ? { ownerName: values['owner-name'] } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
  checkOwnerPassword(input);
  const { organization, ownerId } = await withDatabase((db) => createOrganization(db, input));
  report(
    values.json,
    { orgId: organization.id, ownerId, name: organization.name },
    `Created organization "${organization.name}" (id ${organization.id}); owner ${values['owner-email']} (id ${ownerId}).`,
  );
}
