import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable } from './schema-helpers.ts';

/*
 * Two-step verification (issue 12): a user's second factors — an authenticator app (TOTP,
 * RFC 6238), passkeys (WebAuthn) and the recovery codes that stand in for both — and their
 * enrolment under /me. The sign-in's second step itself is in auth.ts (POST /auth/login/verify).
 */

/** Recovery codes come ten at a time; each is used once. */
export const RECOVERY_CODE_COUNT = 10;

export const PasskeySchema = Type.Object({
  id: Type.String({ description: 'The credential id (base64url).' }),
  name: Type.String(),
  createdAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
});
export type Passkey = Static<typeof PasskeySchema>;

export const MfaStatusSchema = Type.Object({
  totp: Type.Object({
    enabled: Type.Boolean({ description: 'An authenticator app is confirmed and asked for at sign-in.' }),
    confirmedAt: Nullable(IsoDateTime),
  }),
  passkeys: Type.Array(PasskeySchema),
  recoveryCodesLeft: Type.Integer({ minimum: 0, description: 'Unused recovery codes.' }),
});
export type MfaStatus = Static<typeof MfaStatusSchema>;

export const TotpEnrolmentSchema = Type.Object({
  secret: Type.String({ description: 'Base32: what to type into the app when the QR code cannot be scanned.' }),
  otpauthUrl: Type.String({ description: 'otpauth://totp/… (the QR code encodes it).' }),
  qrCodeSvg: Type.String({ description: 'The QR code of otpauthUrl, as an SVG document.' }),
});
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>;

/** Six digits; spaces (as apps group them, "123 456") are allowed. */
export const TotpCode = Type.String({
  minLength: 6,
  maxLength: 16,
  pattern: '^[0-9 ]+$',
  description: 'The six digits the authenticator app shows now (spaces allowed).',
});

export const ConfirmTotpBody = Type.Object({ code: TotpCode }, { additionalProperties: false });
export type ConfirmTotpBody = Static<typeof ConfirmTotpBody>;

export const RecoveryCodesSchema = Type.Object({
  recoveryCodes: Type.Array(Type.String({ description: 'xxxxx-xxxxx' }), {
    maxItems: RECOVERY_CODE_COUNT,
    description:
      'Shown once: only their hashes are stored. Confirming an authenticator app answers ten new codes when the ' +
      'user has no unused code left, else an empty list (the codes they hold stay valid).',
  }),
});
export type RecoveryCodes = Static<typeof RecoveryCodesSchema>;

/** A name the user gives a passkey: 1–64 characters, not only spaces. */
export const PasskeyName = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });

/** base64url text of at most `maxLength` characters, as WebAuthn's JSON encodes bytes. */
const Base64Url = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+$' });
const AuthenticatorAttachment = Type.Optional(Type.Enum(['platform', 'cross-platform']));

/**
 * The client extension outputs browsers return for what the server asks (credProps at
 * registration); closed like every body object, so an unknown field is a 400, not ignored.
 */
const ClientExtensionResults = Type.Object(
  { credProps: Type.Optional(Type.Object({ rk: Type.Optional(Type.Boolean()) }, { additionalProperties: false })) },
  { additionalProperties: false },
);

/** RegistrationResponseJSON: what navigator.credentials.create answered (@simplewebauthn/browser startRegistration). */
export const PasskeyRegistrationResponseSchema = Type.Object(
  {
    id: Base64Url(1400),
    rawId: Base64Url(1400),
    type: Type.Literal('public-key'),
    authenticatorAttachment: AuthenticatorAttachment,
    clientExtensionResults: ClientExtensionResults,
    response: Type.Object(
      {
        clientDataJSON: Base64Url(8192),
        attestationObject: Base64Url(65536),
        authenticatorData: Type.Optional(Base64Url(65536)),
        transports: Type.Optional(
          Type.Array(Type.Enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']), { maxItems: 8 }),
        ),
        publicKeyAlgorithm: Type.Optional(Type.Integer({ minimum: -65536, maximum: 65536 })),
        publicKey: Type.Optional(Base64Url(8192)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** AuthenticationResponseJSON: what navigator.credentials.get answered (@simplewebauthn/browser startAuthentication). */
export const PasskeyAnswerSchema = Type.Object(
  {
    id: Base64Url(1400),
    rawId: Base64Url(1400),
    type: Type.Literal('public-key'),
    authenticatorAttachment: AuthenticatorAttachment,
    clientExtensionResults: ClientExtensionResults,
    response: Type.Object(
      {
        clientDataJSON: Base64Url(8192),
        authenticatorData: Base64Url(65536),
        signature: Base64Url(8192),
        userHandle: Type.Optional(Base64Url(1024)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, description: 'AuthenticationResponseJSON from the browser.' },
);
export type PasskeyAnswer = Static<typeof PasskeyAnswerSchema>;

export const AddPasskeyBody = Type.Object(
  { name: PasskeyName, response: PasskeyRegistrationResponseSchema },
  { additionalProperties: false },
);
export type AddPasskeyBody = Static<typeof AddPasskeyBody>;

export const RenamePasskeyBody = Type.Object({ name: PasskeyName }, { additionalProperties: false });
export type RenamePasskeyBody = Static<typeof RenamePasskeyBody>;

export const PasskeyIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export type PasskeyIdParams = Static<typeof PasskeyIdParams>;

export const PasskeyCreationOptionsSchema = Type.Unsafe<Record<string, unknown>>(
  Type.Object(
    {},
    {
      additionalProperties: true,
      description: 'PublicKeyCredentialCreationOptionsJSON for navigator.credentials.create; valid for 5 minutes.',
    },
  ),
);
