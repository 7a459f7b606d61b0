import { type Static, Type } from 'typebox';
import { Email, Id, IsoDateTime, Nullable } from './schema-helpers.ts';

/*
 * Single sign-on (issue 12): an organization's OpenID Connect provider, the e-mail domains that
 * sign in through it, and the sign-in that goes there and back.
 */

/** Where the provider sends the browser back (register it at the provider): PUBLIC_URL + this path. */
export const SSO_CALLBACK_PATH = '/api/v1/auth/sso/callback';
/** The request that starts a sign-in through the provider (POST {email}). */
export const SSO_START_PATH = '/api/v1/auth/sso/start';

/**
 * Why a return from the provider did not sign in; the callback sends the browser to
 * `/login?sso_error=<code>` and the sign-in page explains it.
 */
export const SSO_ERROR_CODES = [
  /** The sign-in link was unknown, already used or older than 10 minutes. */
  'expired',
  /** The provider refused or failed (its error, a failed code exchange, a bad ID token). */
  'provider-error',
  /** The ID token had no e-mail, or the provider says it is not verified. */
  'email-unverified',
  /** The e-mail's domain is not one of the organization's single sign-on domains. */
  'domain-mismatch',
  /** No such user in the organization and just-in-time creation is off (or the e-mail belongs elsewhere). */
  'unknown-account',
  /** The user is deactivated. */
  'deactivated',
  /** The organization's connection was removed or switched off meanwhile. */
  'not-configured',
  /** The return reached another browser than the one that started the sign-in (no or another binding cookie). */
  'browser-mismatch',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];

/** A domain name, any case (stored lower-cased): labels of letters, digits and hyphens, at least two. */
export const SsoDomain = Type.String({
  minLength: 3,
  maxLength: 253,
  pattern: '^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$',
  examples: ['northwind.example'],
});

export const SsoConnectionSchema = Type.Object({
  issuer: Type.String({
    description: 'The provider’s issuer URL (its discovery document is at /.well-known/openid-configuration).',
  }),
  clientId: Type.String(),
  clientSecretSet: Type.Boolean({ description: 'The secret is stored; it is never answered.' }),
  domains: Type.Array(Type.String(), { description: 'Lower case. Addresses at these domains sign in here.' }),
  justInTime: Type.Boolean({ description: 'Unknown users of the domains become members at their first sign-in.' }),
  ssoOnly: Type.Boolean({
    description: 'The domains’ users may not sign in with a password (but the break-glass owner).',
  }),
  breakGlassUserId: Nullable(Id),
  enabled: Type.Boolean(),
  updatedAt: IsoDateTime,
});
export type SsoConnection = Static<typeof SsoConnectionSchema>;

export const SsoSettingsSchema = Type.Object({
  connection: Nullable(SsoConnectionSchema),
  redirectUri: Type.String({ description: 'The redirect URI to register at the provider.' }),
});
export type SsoSettings = Static<typeof SsoSettingsSchema>;

export const PutSsoBody = Type.Object(
  {
    issuer: Type.String({
      minLength: 8,
      maxLength: 500,
      pattern: '^https?://[^\\s]+$',
      description:
        'The issuer URL; checked by fetching its discovery document (5 s at most). https, or http for a loopback host only.',
    }),
    clientId: Type.String({ minLength: 1, maxLength: 255, pattern: '\\S' }),
    clientSecret: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        description: 'Required the first time; absent: keep the stored one.',
      }),
    ),
    domains: Type.Array(SsoDomain, { minItems: 1, maxItems: 50 }),
    justInTime: Type.Boolean(),
    ssoOnly: Type.Boolean(),
    breakGlassUserId: Type.Optional(Nullable(Id)),
    enabled: Type.Boolean(),
  },
  {
    additionalProperties: false,
    examples: [
      {
        issuer: 'https://login.northwind.example',
        clientId: 'seatkeeper',
        clientSecret: 'from the provider',
        domains: ['northwind.example'],
        justInTime: true,
        ssoOnly: false,
        enabled: true,
      },
    ],
  },
);
export type PutSsoBody = Static<typeof PutSsoBody>;

/**
 * A path of this console to open after the sign-in: one leading `/` (not `//` or `/\`, which
 * browsers read as another host), no backslash and no control character (U+0000–U+001F, U+007F:
 * browsers drop a tab or newline, so `/\t/evil.example` would become `//evil.example`).
 */
export const SSO_RETURN_TO_PATTERN = '^/(?![/\\\\])[^\\\\\\x00-\\x1F\\x7F]*$';

export const SsoStartBody = Type.Object(
  {
    email: Email,
    returnTo: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 2000,
        pattern: SSO_RETURN_TO_PATTERN,
        description: 'A path on this server to open after the sign-in (default /).',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ email: 'dana@northwind.example' }] },
);
export type SsoStartBody = Static<typeof SsoStartBody>;

export const SsoStartResponse = Type.Object({
  redirectUrl: Type.String({ description: 'Send the browser there: the provider’s sign-in page.' }),
});
export type SsoStartResponse = Static<typeof SsoStartResponse>;

/** What the provider appends to the redirect URI (RFC 6749 §4.1.2, RFC 9207's iss). */
export const SsoCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 4096 })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  iss: Type.Optional(Type.String({ maxLength: 1000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type SsoCallbackQuery = Static<typeof SsoCallbackQuery>;
