import { type Static, Type } from 'typebox';
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

export const LoginResponse = Type.Object({
  user: SignedInUserSchema,
  csrfToken: Type.String({ description: 'Send it as X-CSRF-Token on every state-changing request.' }),
});
export type LoginResponse = Static<typeof LoginResponse>;

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
  csrfToken: Type.String(),
});
export type MeResponse = Static<typeof MeResponse>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: NewPassword },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
