import type { Db } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { travelBetween } from '../geo/index.ts';
import {
  countSignInsFromAddress,
  findPreviousSignIn,
  findSignInById,
  findStartedAppSession,
  type SignInRecord,
} from './sign-ins.repository.ts';
import type { SignInItem, StartedAppSession } from './sign-ins.types.ts';

export interface SignInDetailView {
  signIn: SignInItem;
  appSession: StartedAppSession | null;
  previous: {
    signIn: SignInItem;
    distanceKm: number | null;
    elapsedSeconds: number;
    speedKmh: number | null;
  } | null;
  sameAddressCount: number;
}

/**
 * One attempt of the organization with what an owner needs to judge it: the app session it
 * opened, the same user's attempt before it (how far, how long before, how fast one would have
 * had to travel) and how many attempts came from the same address. An id that is not a decimal
 * sign-in id of this organization is not found.
 */
export async function getSignInDetail(db: Db, orgId: string, signInId: string, now: number): Promise<SignInDetailView> {
  // Ids are positive integers below 10^15 (safe in JavaScript, in range of both databases' keys).
  const id = /^[1-9][0-9]{0,14}$/.test(signInId) ? Number(signInId) : undefined;
  const record = id === undefined ? undefined : await findSignInById(db, orgId, id);
  if (!record) throw notFound('Sign-in');
  const [appSession, previous, sameAddressCount] = await Promise.all([
    startedSession(db, orgId, record, now),
    record.userId === null ? undefined : findPreviousSignIn(db, orgId, record.userId, record.position),
    countSignInsFromAddress(db, orgId, record),
  ]);
  return {
    signIn: record.item,
    appSession,
    previous: previous ? { signIn: previous.item, ...travelFrom(previous, record) } : null,
    // The attempt itself is one, whatever a concurrent retention job may have deleted meanwhile.
    sameAddressCount: Math.max(1, sameAddressCount),
  };
}

/** Only an app's successful sign-in opens a session. */
function startedSession(db: Db, orgId: string, record: SignInRecord, now: number) {
  if (record.client !== 'app' || record.outcome !== 'success' || record.userId === null || record.appKey === null) {
    return Promise.resolve(null);
  }
  return findStartedAppSession(
    db,
    orgId,
    { userId: record.userId, appKey: record.appKey, deviceId: record.deviceId, at: record.position.at },
    now,
  );
}

function travelFrom(earlier: SignInRecord, later: SignInRecord) {
  return travelBetween(
    { latitude: earlier.latitude, longitude: earlier.longitude, at: earlier.position.at },
    { latitude: later.latitude, longitude: later.longitude, at: later.position.at },
  );
}
