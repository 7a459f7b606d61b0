import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { findUserById } from '../users/index.ts';
import { findSignInPlaces } from './sign-ins.repository.ts';
import type { SignInPlace } from './sign-ins.types.ts';

/** A map shows at most this many places: a user's most used ones (a few dozen is already a lot). */
const MAX_PLACES = 500;

/** The places a user of the organization signed in from successfully; another organization's user is not found. */
export async function listUserPlaces(db: Db, orgId: string, userId: string): Promise<{ items: SignInPlace[] }> {
  const user = await findUserById(db, orgId, userId);
  if (!user) throw notFound('User');
  return { items: await findSignInPlaces(db, orgId, user.id, MAX_PLACES) };
}
