import { randomUUID } from 'node:crypto';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DeactivationReason, User } from '../../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import type { Role, UserRow, UserStatus } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';

/** The API shape of a user (the contract's). */
export type { User };

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    invitationPending: row.status === 'active' && row.password_hash === null,
    createdAt: toIso(row.created_at),
    lastLoginAt: toIso(row.last_login_at),
    lastAppUseAt: toIso(row.last_app_use_at),
    deactivatedAt: toIso(row.deactivated_at),
    // Written only from the contract's reasons (deactivation validates them at the edge).
    deactivationReason: row.deactivation_reason as DeactivationReason | null,
    deactivationNote: row.deactivation_note,
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserById(db: Db, orgId: string, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
}

/** Server-wide lookup by email: only sign-in and the uniqueness check may ask without an organization. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
}

/** A new active user's row; fields not given start empty (never signed in, not deactivated). */
export function newUserRow(input: {
  orgId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  now: number;
}): UserRow {
  const email = input.email.trim();
  return {
    id: randomUUID(),
    org_id: input.orgId,
    email,
    email_normalized: normalizeEmail(email),
    name: input.name.trim(),
    role: input.role,
    status: 'active',
    password_hash: input.passwordHash,
    created_at: input.now,
    updated_at: input.now,
    last_login_at: null,
    deactivated_at: null,
    deactivation_reason: null,
    deactivation_note: null,
    last_app_use_at: null,
    erased_at: null,
  };
}

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

/** Rows per INSERT of a batch: 15 columns × 200 stays far below both databases' limits on parameters. */
const INSERT_CHUNK = 200;

/** Inserts many new users (an import), a few statements for the lot. */
export async function insertUsers(db: Db, rows: readonly UserRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await db
      .insertInto('users')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .execute();
  }
}

/** These users of the organization (ids it does not have are simply missing). */
export async function findUsersByIds(db: Db, orgId: string, userIds: readonly string[]): Promise<UserRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('users')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', 'in', [...userIds])
    .execute();
}

/**
 * Which of these emails (normalised) already have an account anywhere on the server: emails are
 * unique server-wide, like findUserByEmail's uniqueness check.
 */
export async function findTakenEmails(db: Db, normalizedEmails: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let start = 0; start < normalizedEmails.length; start += INSERT_CHUNK * 5) {
    const rows = await db
      .selectFrom('users')
      .select('email_normalized')
      .where('email_normalized', 'in', normalizedEmails.slice(start, start + INSERT_CHUNK * 5))
      .execute();
    for (const row of rows) taken.add(row.email_normalized);
  }
  return taken;
}

export type UserPatch = Partial<
  Pick<
    UserRow,
    | 'name'
    | 'role'
    | 'status'
    | 'password_hash'
    | 'last_login_at'
    | 'deactivated_at'
    | 'deactivation_reason'
    | 'deactivation_note'
    | 'last_app_use_at'
  >
>;

export async function updateUser(db: Db, orgId: string, userId: string, patch: UserPatch & { updated_at: number }) {
  await db.updateTable('users').set(patch).where('org_id', '=', orgId).where('id', '=', userId).execute();
}

/** An owner who can sign in today: active, and with a password (an invitation still pending is not enough). */
export function canSignInAsOwner(user: Pick<UserRow, 'role' | 'status' | 'password_hash'>): boolean {
  return user.role === 'owner' && user.status === 'active' && user.password_hash !== null;
}

/** Owners who can sign in (see canSignInAsOwner): the last of them must stay. */
export async function countOwnersWhoCanSignIn(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export type UserSort = 'lastLoginAt' | 'name' | 'email' | 'createdAt';

export interface UserListQuery {
  query?: string | undefined;
  role?: Role | undefined;
  status?: UserStatus | 'invited' | undefined;
  /** Only holders of a usable seat (subscription not expired) of this product key. */
  product?: string | undefined;
  /** Epoch ms: only users whose latest sign-in and latest app use are both before it (or never happened). */
  lastActiveBefore?: number | undefined;
  /** Epoch ms; decides which subscriptions have expired. */
  now: number;
  sort: UserSort;
  order: 'asc' | 'desc';
  /** The (sort key, id) of the last row of the previous page. */
  after?: UserPageKey | undefined;
  limit: number;
}

export type UserPageKey = [sortKey: string | number, id: string];

// Never-signed-in users sort as the oldest sign-in; text sorts ignore case.
const SORT_EXPRESSIONS: Record<UserSort, Expression<unknown>> = {
  lastLoginAt: sql`coalesce(users.last_login_at, -1)`,
  name: sql`lower(users.name)`,
  email: sql`users.email_normalized`,
  createdAt: sql`users.created_at`,
};
export const SORT_KEY_KIND = { lastLoginAt: 'number', name: 'string', email: 'string', createdAt: 'number' } as const;

/** One page of an organization's users, keyset-paged on (sort key, id). */
export async function findUserPage(db: Db, orgId: string, options: UserListQuery) {
  const sortExpression = SORT_EXPRESSIONS[options.sort];
  const after = options.after;
  const direction = options.order === 'asc' ? sql`asc` : sql`desc`;
  let query = db
    .selectFrom('users')
    .selectAll()
    .select(sql<string | number>`${sortExpression}`.as('sort_key'))
    .where('org_id', '=', orgId);
  if (options.query) {
    const pattern = `%${escapeLike(options.query.trim().toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`users.email_normalized`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(users.name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  if (options.role) query = query.where('role', '=', options.role);
  if (options.product) {
    const product = options.product;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('seat_assignments as a')
          .innerJoin('subscriptions as s', 's.id', 'a.subscription_id')
          .innerJoin('products as p', 'p.id', 's.product_id')
          .select('a.id')
          .whereRef('a.user_id', '=', 'users.id')
          .where('a.org_id', '=', orgId)
          .where('a.unassigned_at', 'is', null)
          .where('s.expires_at', '>', options.now)
          .where('p.key', '=', product),
      ),
    );
  }
  if (options.lastActiveBefore !== undefined) {
    // "Last active" is the later of the two; it is before the bound exactly when both are (never counts as before).
    const bound = options.lastActiveBefore;
    query = query
      .where(sql<SqlBool>`coalesce(users.last_login_at, -1) < ${bound}`)
      .where(sql<SqlBool>`coalesce(users.last_app_use_at, -1) < ${bound}`);
  }
  if (options.status === 'invited') {
    query = query.where('status', '=', 'active').where('password_hash', 'is', null);
  } else if (options.status) {
    query = query.where('status', '=', options.status);
  }
  if (after) {
    const comparison = options.order === 'asc' ? sql`>` : sql`<`;
    query = query.where(sql<SqlBool>`(${sortExpression}, users.id) ${comparison} (${after[0]}, ${after[1]})`);
  }
  const rows = await query
    .orderBy(sql`${sortExpression} ${direction}`)
    .orderBy(sql`users.id ${direction}`)
    .limit(options.limit + 1)
    .execute();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(toUser),
    /** The key to continue after; the database's own value (SQLite's lower() is ASCII-only). */
    next: rows.length > options.limit && last ? ([last.sort_key, last.id] as UserPageKey) : null,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
