import { type Static, Type } from 'typebox';
import { Email, IsoDateTime, NewPassword } from './schema-helpers.ts';

/** How long an e-mailed reset link works (minutes). The console's pages say it too. */
export const PASSWORD_RESET_LINK_MINUTES = 60;
/** Reset requests per e-mail address (known or not) within an hour. */
export const PASSWORD_RESET_REQUESTS_PER_EMAIL = 5;
/** Reset requests and wrong, expired or used reset links per client address within an hour. */
export const PASSWORD_RESET_REQUESTS_PER_IP = 20;

export const PasswordResetRequestBody = Type.Object(
  { email: Email },
  { additionalProperties: false, examples: [{ email: 'dana@example.com' }] },
);
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

/** The same answer whether or not an account has the address. */
export const PasswordResetRequested = Type.Object({
  emailConfigured: Type.Boolean({
    description:
      'False when this server cannot send e-mail (no SMTP_URL): no link was sent; an owner or the operator can issue one.',
  }),
});
export type PasswordResetRequested = Static<typeof PasswordResetRequested>;

export const PasswordResetParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
export type PasswordResetParams = Static<typeof PasswordResetParams>;

/** What the reset page shows before the new password is typed (reading changes nothing). */
export const PasswordResetPreview = Type.Object({
  email: Type.String({ description: 'Masked: the first character and the domain (d***@example.com).' }),
  expiresAt: IsoDateTime,
});
export type PasswordResetPreview = Static<typeof PasswordResetPreview>;

export const PasswordResetBody = Type.Object({ password: NewPassword }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;
