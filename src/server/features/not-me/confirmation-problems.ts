import { AppError } from '../../lib/app-error.ts';
import { SIGN_IN_CONFIRMATION_TTL_MS } from '../notifications/index.ts';

const DAYS = SIGN_IN_CONFIRMATION_TTL_MS / 86_400_000;

export const confirmationNotFound = () =>
  new AppError(
    404,
    'sign-in-confirmation-not-found',
    'Link not found',
    'This "this wasn’t me" link is not known: check that the whole link from the mail was opened.',
  );

export const confirmationExpired = () =>
  new AppError(
    410,
    'sign-in-confirmation-expired',
    'Link expired',
    `This link worked for ${DAYS} days after the sign-in and has expired. If the sign-in was not you, change your password and tell your organization’s owner.`,
  );

export const confirmationUsed = () =>
  new AppError(
    410,
    'sign-in-confirmation-used',
    'Link already used',
    'This link was already used: your sessions were ended and the owners were told. Change your password if you have not yet.',
  );
