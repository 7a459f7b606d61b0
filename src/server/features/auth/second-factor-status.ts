import type { MeResponse } from '../../../contract/auth.ts';
import type { Db } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { toIso } from '../../lib/time.ts';
import { hasSecondFactor, readSecondFactors } from '../mfa/index.ts';
import { readSecuritySettings } from '../security-settings/index.ts';
import { secondFactorStanding } from './second-step-policy.ts';

/** Two-step verification as it stands for the signed-in user (GET /me): the console's banner and redirect read it. */
export async function readSecondFactorStatus(
  db: Db,
  user: Pick<UserRow, 'id' | 'org_id' | 'role' | 'created_at'>,
  session: { enrolmentOnly: boolean },
): Promise<MeResponse['secondFactor']> {
  const [factors, settings] = await Promise.all([
    readSecondFactors(db, { orgId: user.org_id, userId: user.id }),
    readSecuritySettings(db, user.org_id),
  ]);
  const enrolled = hasSecondFactor(factors);
  const standing = secondFactorStanding(settings.signIn, { role: user.role, createdAt: user.created_at });
  return {
    enrolled,
    required: standing.required,
    enrolBy: standing.required && !enrolled ? toIso(standing.enrolBy) : null,
    enrolmentOnly: session.enrolmentOnly && !enrolled,
  };
}
