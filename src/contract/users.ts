import { type Static, Type } from 'typebox';
import { RoleSchema } from './auth.ts';
import { CursorQuery, LimitQuery, pageOf } from './paging.ts';
import type { ProductRefs } from './products.ts';
import { DateTimeInput, Email, Id, IsoDateTime, NewPassword, Nullable, problemAnnotation } from './schema-helpers.ts';

export const DEACTIVATION_REASONS = [
  'no_longer_requires_access',
  'left_organization',
  'security_compliance',
  'license_reassignment',
  'policy_violation',
  'other',
] as const;
export type DeactivationReason = (typeof DEACTIVATION_REASONS)[number];

export const UserSchema = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    status: Type.Enum(['active', 'deactivated']),
    invitationPending: Type.Boolean({ description: 'Active, but has not accepted the invitation yet.' }),
    createdAt: IsoDateTime,
    lastLoginAt: Nullable(IsoDateTime),
    lastAppUseAt: Nullable(IsoDateTime),
    deactivatedAt: Nullable(IsoDateTime),
    deactivationReason: Nullable(Type.Enum([...DEACTIVATION_REASONS])),
    deactivationNote: Nullable(Type.String()),
  },
  {
    $id: 'User',
    examples: [
      {
        id: '0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10',
        email: 'dana@example.com',
        name: 'Dana Scully',
        role: 'member',
        status: 'active',
        invitationPending: false,
        createdAt: '2024-05-01T09:30:00.000Z',
        lastLoginAt: '2024-05-02T08:01:12.000Z',
        lastAppUseAt: null,
        deactivatedAt: null,
        deactivationReason: null,
        deactivationNote: null,
      },
    ],
  },
);
export type User = Static<typeof UserSchema>;
export type UserStatus = User['status'];

/** A seat a user holds, as the users list and the bulk answers name it. */
export const HeldSeatSchema = Type.Object({
  subscriptionId: Id,
  product: Type.Ref('Product'),
  expired: Type.Boolean({ description: 'The subscription has ended: the seat is held but lets no app run.' }),
});
export type HeldSeat = Static<typeof HeldSeatSchema, ProductRefs>;

/** A row of the users list: the user and the seats they hold (one query per page, not per user). */
export const UserListItemSchema = Type.Object(
  {
    ...UserSchema.properties,
    licenses: Type.Array(HeldSeatSchema, { description: 'The seats the user holds now, by product name.' }),
  },
  { $id: 'UserListItem' },
);
export type UserListItem = Static<typeof UserListItemSchema, ProductRefs>;

/** The named schemas a `Type.Ref('User')` points to, for `Static` (src/server/http/app.ts registers them). */
export type UserRefs = ProductRefs & { User: typeof UserSchema; UserListItem: typeof UserListItemSchema };

export const UserPage = pageOf(Type.Ref('UserListItem'));
export type UserPage = Static<typeof UserPage, UserRefs>;

export const UserListQuery = Type.Object({
  query: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name or email, any case.' })),
  role: Type.Optional(RoleSchema),
  status: Type.Optional(Type.Enum(['active', 'deactivated', 'invited'])),
  product: Type.Optional(
    Type.String({ maxLength: 100, description: 'Only users holding a seat of this product key.' }),
  ),
  lastActiveBefore: Type.Optional(
    DateTimeInput(
      'Only users not active since this instant: "last active" is the later of their last sign-in and their last ' +
        'app use, and users who were never active (never signed in, never used an app, pending invitations ' +
        'included) count as inactive, so they are listed too.',
    ),
  ),
  sort: Type.Enum(['lastLoginAt', 'name', 'email', 'createdAt'], { default: 'lastLoginAt' }),
  order: Type.Enum(['asc', 'desc'], { default: 'desc' }),
  cursor: Type.Optional(CursorQuery),
  limit: LimitQuery,
});
export type UserListQuery = Static<typeof UserListQuery>;

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Name,
    role: Type.Optional(RoleSchema),
    subscriptionId: Type.Optional({
      ...Id,
      description:
        'Also give the new user a seat of this subscription, in the same transaction: when it has no free seat ' +
        '(409 no-free-seat) or has ended (409 subscription-expired), no user is created.',
    }),
  },
  {
    additionalProperties: false,
    examples: [
      { email: 'dana@example.com', name: 'Dana Scully', role: 'member' },
      { email: 'fox@example.com', name: 'Fox Mulder', subscriptionId: '5d1c2a4e-0b8f-4c3e-9a77-3f1e2d4c5b6a' },
    ],
  },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const PatchUserBody = Type.Object(
  { name: Type.Optional(Name), role: Type.Optional(RoleSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchUserBody = Static<typeof PatchUserBody>;

/**
 * The note with reason `other`: missing or blank answers 400 note-required (http/validation.ts). One rule for
 * deactivating one user and many.
 */
export const NOTE_REQUIRED_WITH_OTHER = {
  if: { properties: { reason: { const: 'other' } }, required: ['reason'] },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
  then: {
    required: ['note'],
    properties: { note: { pattern: '\\S' } },
    ...problemAnnotation({
      code: 'note-required',
      keywords: ['required', 'pattern'],
      title: 'A note is required',
      detail: 'Say why in the note when the reason is "other".',
      message: 'is required when reason is other',
    }),
  },
};

export const DeactivateBody = Type.Object(
  {
    reason: Type.Enum([...DEACTIVATION_REASONS]),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Required, and not blank, when reason is other.' }),
    ),
    releaseSeats: Type.Optional(
      Type.Boolean({ default: false, description: 'Also free every seat the user holds, in the same transaction.' }),
    ),
  },
  {
    additionalProperties: false,
    ...NOTE_REQUIRED_WITH_OTHER,
    examples: [
      { reason: 'left_organization', releaseSeats: true },
      { reason: 'other', note: 'Contract ended' },
    ],
  },
);
export type DeactivateBody = Static<typeof DeactivateBody>;

export const InvitationSchema = Type.Object({
  token: Type.String(),
  url: Type.String({ description: 'The link to send to the user; it works once, until expiresAt.' }),
  expiresAt: IsoDateTime,
});
export type Invitation = Static<typeof InvitationSchema>;

export const CreateUserResponse = Type.Object({
  user: Type.Ref('User'),
  invitation: InvitationSchema,
  seat: Type.Optional({ ...HeldSeatSchema, description: 'The seat given, when the request named a subscription.' }),
});
export type CreateUserResponse = Static<typeof CreateUserResponse, UserRefs>;

export const ReactivateBody = Type.Object(
  {
    restoreSeats: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Give back the seats that deactivating the user freed (GET /users/{id}/released-seats), each one only if ' +
          'its subscription still has a free seat and has not ended; a seat that cannot come back is reported in ' +
          'seatsNotRestored, and the others are still given.',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ restoreSeats: true }] },
);
export type ReactivateBody = Static<typeof ReactivateBody>;

export const SEAT_NOT_RESTORED_REASONS = ['no-free-seat', 'subscription-expired'] as const;
export type SeatNotRestoredReason = (typeof SEAT_NOT_RESTORED_REASONS)[number];

/** The reactivated user (every field of User) and what became of the seats their deactivation freed. */
export const ReactivatedUserSchema = Type.Object({
  ...UserSchema.properties,
  restoredSeats: Type.Array(HeldSeatSchema, { description: 'Seats given back by this request (restoreSeats).' }),
  seatsNotRestored: Type.Array(
    Type.Object({
      subscriptionId: Id,
      product: Type.Ref('Product'),
      reason: Type.Enum([...SEAT_NOT_RESTORED_REASONS]),
    }),
    { description: 'Seats freed at deactivation that could not come back, and why.' },
  ),
});
export type ReactivatedUser = Static<typeof ReactivatedUserSchema, ProductRefs>;

/** A seat that deactivating a user freed: reactivation may give it back while one is free. */
export const ReleasedSeatSchema = Type.Object({
  subscriptionId: Id,
  product: Type.Ref('Product'),
  releasedAt: IsoDateTime,
  seatsAvailable: Type.Integer({ description: 'Free seats of the subscription now.' }),
  expired: Type.Boolean({ description: 'The subscription has ended: the seat cannot come back.' }),
});
export type ReleasedSeat = Static<typeof ReleasedSeatSchema, ProductRefs>;
export const ReleasedSeatPage = pageOf(ReleasedSeatSchema);
export type ReleasedSeatPage = Static<typeof ReleasedSeatPage, ProductRefs>;

/** What issuing a new invitation link answers. */
export const ReissueInvitationResponse = Type.Object({ invitation: InvitationSchema });
export type ReissueInvitationResponse = Static<typeof ReissueInvitationResponse>;

export const InvitationParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
export type InvitationParams = Static<typeof InvitationParams>;

export const InvitationPreview = Type.Object({
  email: Type.String(),
  name: Type.String(),
  organizationName: Type.String(),
  replacesPassword: Type.Boolean({
    description: 'The user already has a password: this link sets a new one (and ends their other sessions).',
  }),
  expiresAt: IsoDateTime,
});
export type InvitationPreview = Static<typeof InvitationPreview>;

export const AcceptInvitationBody = Type.Object({ password: NewPassword }, { additionalProperties: false });
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;
