import type { NotMeResult, SignInConfirmation } from '../../../contract/security';
import { api } from '../../lib/api';

/** The sign-in a "was this you?" mail is about; reading changes nothing. */
export function fetchSignInConfirmation(token: string, signal?: AbortSignal): Promise<SignInConfirmation> {
  return api.get<SignInConfirmation>(`/sign-in-confirmations/${encodeURIComponent(token)}`, {
    signal,
    allowUnauthorized: true,
  });
}

/** "This wasn't me": ends all the user's sessions and tells the owners (works once). */
export function reportNotMe(token: string): Promise<NotMeResult> {
  return api.post<NotMeResult>(`/sign-in-confirmations/${encodeURIComponent(token)}/not-me`, undefined, {
    allowUnauthorized: true,
  });
}
