import type { RecoveryCodes } from '../../../contract/mfa.ts';
import type { AppDeps } from '../../app-deps.ts';
import { AppError } from '../../lib/app-error.ts';
import type { UserRef } from './mfa.repository.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { hasSecondFactor, readSecondFactors } from './second-factors.ts';

/** Ten new recovery codes in place of all the old ones (used or not); only for a user with a factor. */
export async function renewRecoveryCodes(deps: AppDeps, user: UserRef): Promise<RecoveryCodes> {
  return deps.database.db.transaction().execute(async (trx) => {
    if (!hasSecondFactor(await readSecondFactors(trx, user))) {
      throw new AppError(
        409,
        'no-second-factor',
        'No second factor set up',
        'Set up an authenticator app or add a passkey first: recovery codes stand in for one.',
      );
    }
    return { recoveryCodes: await issueRecoveryCodes(trx, user, deps.now()) };
  });
}
