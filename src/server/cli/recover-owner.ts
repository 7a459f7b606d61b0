import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { Role } from '../db/schema.ts';
import { changeRoleByEmail, issuePasswordLink } from '../features/operator/index.ts';
import { report, withDatabase } from './with-database.ts';

// The operator's way back into an organization whose owners cannot sign in (README: "Recovering
// an organization"). Both find the user by email, whatever their organization.

const ROLES: readonly Role[] = ['owner', 'member'];

export async function runSetRole(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.email || !values.role) throw new Error('set-role needs --email and --role owner|member');
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new Error('--role must be owner or member');
  const email = values.email;
  const { orgId, user, canSignIn } = await withDatabase((db) => changeRoleByEmail(db, email, role, Date.now()));
  const hint =
    role === 'owner' && !canSignIn
      ? ` They cannot sign in yet: give them a link to set a password (npx seatkeeper password-link --email ${user.email}).`
      : '';
  report(
    values.json,
    { userId: user.id, orgId, email: user.email, role: user.role, canSignIn },
    `${user.email} (id ${user.id}) is now ${user.role === 'owner' ? 'an owner' : 'a member'} of organization ${orgId}.${hint}`,
  );
}

export async function runPasswordLink(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.email) throw new Error('password-link needs --email');
  const email = values.email;
  const { publicUrl } = loadConfig();
  const { orgId, user, reset, link } = await withDatabase((db) => issuePasswordLink(db, publicUrl, email, Date.now()));
  const effect = reset
    ? 'sets a new password and ends all their sessions (they then sign in with it)'
    : 'sets their first password';
  report(
    values.json,
    { userId: user.id, orgId, email: user.email, url: link.url, expiresAt: link.expiresAt, reset },
    `Send this link to ${user.email}; it ${effect}, works once, until ${link.expiresAt}, ` +
      `and replaces any earlier link:\n${link.url}`,
  );
}
