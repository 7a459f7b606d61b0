import { type Static, Type } from 'typebox';
import { RoleSchema } from './auth.ts';
import type { ProductRefs } from './products.ts';
import { Id, problemAnnotation } from './schema-helpers.ts';
import {
  DEACTIVATION_REASONS,
  HeldSeatSchema,
  InvitationSchema,
  NOTE_REQUIRED_WITH_OTHER,
  type UserRefs,
} from './users.ts';

/** Users one bulk request may name: a page of the list (200) fits, a careless script does not hold a lock for long. */
export const BULK_USERS_MAX = 500;

export const BulkUserIds = Type.Array(Id, {
  minItems: 1,
  maxItems: BULK_USERS_MAX,
  uniqueItems: true,
  description:
    `1 to ${BULK_USERS_MAX} user ids of the organization, each once (400 duplicate-ids otherwise). An id the ` +
    'organization does not have (unknown, or another organization’s) answers 400 unknown-users and changes nothing.',
  ...problemAnnotation({
    code: 'duplicate-ids',
    keywords: ['uniqueItems'],
    title: 'The same user twice',
    detail: 'Name each user once in userIds.',
    message: 'must not name the same user twice',
  }),
});

export const BulkSeatBody = Type.Object(
  { userIds: BulkUserIds, subscriptionId: Id },
  {
    additionalProperties: false,
    examples: [
      {
        userIds: ['0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10', '7c9e6679-7425-40de-944b-e07fc1f90ae7'],
        subscriptionId: '5d1c2a4e-0b8f-4c3e-9a77-3f1e2d4c5b6a',
      },
    ],
  },
);
export type BulkSeatBody = Static<typeof BulkSeatBody>;

export const BulkAssignSeatResult = Type.Object({
  subscriptionId: Id,
  product: Type.Ref('Product'),
  assigned: Type.Array(Id, { description: 'Users given a seat by this request.' }),
  alreadyHeld: Type.Array(Id, { description: 'Users who held a seat of it already: skipped.' }),
  seatsAvailable: Type.Integer({ description: 'Free seats left afterwards.' }),
});
export type BulkAssignSeatResult = Static<typeof BulkAssignSeatResult, ProductRefs>;

export const BulkUnassignSeatResult = Type.Object({
  subscriptionId: Id,
  product: Type.Ref('Product'),
  unassigned: Type.Array(Id, { description: 'Users whose seat was freed (their app sessions of it ended).' }),
  notHeld: Type.Array(Id, { description: 'Users who held no seat of it: skipped.' }),
  seatsAvailable: Type.Integer({ description: 'Free seats afterwards.' }),
});
export type BulkUnassignSeatResult = Static<typeof BulkUnassignSeatResult, ProductRefs>;

export const BulkDeactivateBody = Type.Object(
  {
    userIds: BulkUserIds,
    reason: Type.Enum([...DEACTIVATION_REASONS]),
    note: Type.Optional(
      Type.String({ maxLength: 2000, description: 'Required, and not blank, when reason is other.' }),
    ),
    releaseSeats: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Also free every seat they hold (remembered: reactivating may give them back).',
      }),
    ),
  },
  {
    additionalProperties: false,
    ...NOTE_REQUIRED_WITH_OTHER,
    examples: [
      {
        userIds: ['0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10', '7c9e6679-7425-40de-944b-e07fc1f90ae7'],
        reason: 'left_organization',
        releaseSeats: true,
      },
    ],
  },
);
export type BulkDeactivateBody = Static<typeof BulkDeactivateBody>;

export const BulkDeactivateResult = Type.Object({
  deactivated: Type.Array(Id, { description: 'Users deactivated by this request (signed out everywhere).' }),
  alreadyDeactivated: Type.Array(Id, { description: 'Users who were deactivated already: left as they were.' }),
  seatsReleased: Type.Integer({ description: 'Seats freed (with releaseSeats).' }),
});
export type BulkDeactivateResult = Static<typeof BulkDeactivateResult>;

export const BulkExportBody = Type.Object(
  { userIds: BulkUserIds },
  { additionalProperties: false, examples: [{ userIds: ['0b6f3c1e-6a53-4bfa-9f4e-2d2f8c1a7e10'] }] },
);
export type BulkExportBody = Static<typeof BulkExportBody>;

export const BulkExportQuery = Type.Object({
  format: Type.Enum(['json', 'csv'], {
    default: 'json',
    description: 'csv: a file (name, email, role, status, licenses, times in UTC) instead of the JSON list.',
  }),
});
export type BulkExportQuery = Static<typeof BulkExportQuery>;

/** The selected users as JSON: each with the seats they hold, by name. */
export const BulkExportResult = Type.Object({ items: Type.Array(Type.Ref('UserListItem')) });
export type BulkExportResult = Static<typeof BulkExportResult, UserRefs>;

/** Data rows one import may hold (a header line comes first). */
export const IMPORT_MAX_ROWS = 1000;
/** Characters of CSV one import may hold: under the 256 KB body limit with room for JSON escaping. */
export const IMPORT_MAX_CHARACTERS = 200_000;
export const IMPORT_COLUMNS = ['email', 'name', 'role', 'product'] as const;

export const ImportUsersBody = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: IMPORT_MAX_CHARACTERS,
      description:
        'The file’s text: UTF-8, a byte order mark allowed, comma-separated, a header line naming the columns ' +
        '`email` and `name` (required) and `role` (`owner` or `member`, empty: member) and `product` (a product key ' +
        `or name; empty: no seat) in any order, then at most ${IMPORT_MAX_ROWS} users, one per line.`,
    }),
    dryRun: Type.Boolean({
      description:
        'true: check every row and answer the preview, changing nothing. false: add every user in one ' +
        'transaction, or none when any row has an error (409 import-rows-invalid).',
    }),
  },
  {
    additionalProperties: false,
    examples: [{ csv: 'email,name,role,product\r\ndana@example.com,Dana Scully,member,designer\r\n', dryRun: true }],
  },
);
export type ImportUsersBody = Static<typeof ImportUsersBody>;

export const IMPORT_ROW_PROBLEMS = [
  'invalid-email',
  'name-required',
  'name-too-long',
  'invalid-role',
  'duplicate-in-file',
  'email-taken',
  'unknown-product',
  'subscription-expired',
  'no-free-seat',
] as const;
export type ImportRowProblem = (typeof IMPORT_ROW_PROBLEMS)[number];

export const ImportRowSchema = Type.Object({
  line: Type.Integer({ description: 'The line of the file the row ends on (the header is line 1).' }),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  product: Type.Union([Type.Ref('Product'), Type.Null()], { description: 'The product whose seat they get.' }),
  errors: Type.Array(
    Type.Object({
      column: Type.Enum(['email', 'name', 'role', 'product']),
      code: Type.Enum([...IMPORT_ROW_PROBLEMS]),
      message: Type.String(),
    }),
    { description: 'Empty: the row will be (or was) added.' },
  ),
});
export type ImportRow = Static<typeof ImportRowSchema, ProductRefs>;

export const ImportUsersResult = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Array(ImportRowSchema),
  valid: Type.Integer({ description: 'Rows without an error.' }),
  invalid: Type.Integer({ description: 'Rows with at least one error.' }),
  created: Type.Array(
    Type.Object({
      line: Type.Integer(),
      user: Type.Ref('User'),
      invitation: InvitationSchema,
      seat: Type.Optional(HeldSeatSchema),
    }),
    { description: 'The users added (empty on a dry run), each with their one-time invitation link.' },
  ),
});
export type ImportUsersResult = Static<typeof ImportUsersResult, UserRefs>;
