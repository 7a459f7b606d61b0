import { AppError, tooManyRequests } from '../../lib/app-error.ts';

/** Unknown, used, expired or replaced: one answer, so a link says nothing about the account. */
export const resetLinkInvalid = () =>
  new AppError(
    404,
    'reset-link-invalid',
    'Reset link not valid',
    'This password-reset link was already used, has expired or was replaced by a newer one. Ask for a new link on the sign-in page (Forgot password?).',
  );

export function tooManyResetRequests(retryAfterMs: number): AppError {
  return tooManyRequests(
    'too-many-reset-requests',
    'Too many password-reset requests',
    (wait) => `Too many password-reset requests for this address, or from this network. Try again in ${wait}.`,
    retryAfterMs,
  );
}
