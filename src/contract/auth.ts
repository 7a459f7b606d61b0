import { type Static, Type } from 'typebox';
import { SECOND_FACTORS, STEP_REASONS } from './activity.ts';
import { PasskeyAnswerSchema } from './mfa.ts';
import { RISK_FLAGS } from './risk.ts';
import { Email, Id, IsoDateTime, NewPassword, Nullable, Password } from './schema-helpers.ts';

export const RoleSchema = Type.Enum(['owner', 'member']);
export type Role = Static<typeof RoleSchema>;

export const SignedInUserSchema = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  orgId: Id,
});
/** The user as the sign-in and invitation answers carry them. */
export type SignedInUser = Static<typeof SignedInUserSchema>;

export const LoginBody = Type.Object(
  { email: Email, password: Password },
  {
    additionalProperties: false,
    examples: [{ email: 'dana@example.com', password: 'paper lanterns over the harbour' }],
  },
);
export type LoginBody = Static<typeof LoginBody>;

/** A finished sign-in: the session cookie is set. */
export const LoginResponse = Type.Object({
  user: SignedInUserSchema,
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token on every state-changing request.' }),
});
export type LoginResponse = Static<typeof LoginResponse>;

/**
 * The password was right and a second step is asked: no session yet. POST /auth/login/verify
 * with the challenge and a code (authenticator app or recovery code) or a passkey's answer to
 * `passkeyOptions` finishes the sign-in.
 */
export const SecondStepRequired = Type.Object({
  mfaRequired: Type.Literal(true),
  challenge: Type.String({ description: 'Send it to POST /auth/login/verify; valid for 5 minutes, once.' }),
  methods: Type.Array(Type.Enum([...SECOND_FACTORS]), { description: 'The factors this user can answer with.' }),
  reason: Type.Enum([...STEP_REASONS], {
    description:
      'enrolled: the user has a second factor; required: the organization requires one; risk: this sign-in is flagged (riskFlags).',
  }),
  riskFlags: Type.Array(Type.Enum([...RISK_FLAGS])),
  expiresAt: IsoDateTime,
  passkeyOptions: Nullable(
    Type.Unsafe<Record<string, unknown>>(
      Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            'PublicKeyCredentialRequestOptionsJSON for navigator.credentials.get (e.g. @simplewebauthn/browser startAuthentication); null when the user has no passkey.',
        },
      ),
    ),
  ),
});
export type SecondStepRequired = Static<typeof SecondStepRequired>;

/** POST /auth/login answers either. */
export const SignInStartResponse = Type.Union([LoginResponse, SecondStepRequired]);
export type SignInStartResponse = Static<typeof SignInStartResponse>;

export const LoginVerifyBody = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 128 }),
    code: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 32,
        description: 'Six digits from the authenticator app, or a recovery code (xxxxx-xxxxx).',
      }),
    ),
    passkey: Type.Optional(PasskeyAnswerSchema),
  },
  { additionalProperties: false },
);
export type LoginVerifyBody = Static<typeof LoginVerifyBody>;

export const MeResponse = Type.Object({
  user: Type.Object({
    id: Id,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    orgId: Id,
    status: Type.Enum(['active', 'deactivated']),
    createdAt: IsoDateTime,
    lastLoginAt: Nullable(IsoDateTime),
  }),
  organization: Type.Object({ id: Id, name: Type.String(), timeZone: Type.String() }),
  secondFactor: Type.Object(
    {
      enrolled: Type.Boolean({ description: 'The user has an authenticator app or a passkey.' }),
      required: Type.Boolean({ description: 'The organization requires one of this user.' }),
      enrolBy: Nullable({ ...IsoDateTime, description: 'The end of the grace period, while it runs.' }),
      enrolmentOnly: Type.Boolean({
        description: 'This session may only enrol a second factor (required, grace over); other calls answer 403.',
      }),
    },
    { description: 'Two-step verification as it stands for this user.' },
  ),
  csrfToken: Type.String(),
});
export type MeResponse = Static<typeof MeResponse>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Password,
    newPassword: NewPassword,
    endOtherSessions: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'End the user’s other console sessions (every browser but this one). App sessions keep running either ' +
          'way: DELETE /api/v1/me/sessions ends those too.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ChangePasswordResponse = Type.Object({
  endedSessions: Type.Integer({ minimum: 0, description: 'Other console sessions the change ended.' }),
  otherSessions: Type.Integer({
    minimum: 0,
    description: 'The user’s live sessions besides this one after the change (console and app).',
  }),
});
export type ChangePasswordResponse = Static<typeof ChangePasswordResponse>;
