import { type Static, Type } from 'typebox';
import { pageOf } from './paging.ts';
import type { ProductRefs } from './products.ts';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';

const Product = Type.Ref('Product');
export const SubscriptionStatus = Type.Enum(['active', 'cancelled', 'expired'], {
  description: 'expired once expiresAt has passed; cancelled: runs to expiresAt without renewing.',
});
export type SubscriptionStatus = Static<typeof SubscriptionStatus>;

export const SUBSCRIPTION_KINDS = ['named', 'floating'] as const;
export const SubscriptionKind = Type.Enum([...SUBSCRIPTION_KINDS], {
  description:
    'named: seats assigned to people. floating: a pool of concurrent seats that any active member leases while the app runs.',
});
export type SubscriptionKind = Static<typeof SubscriptionKind>;

/** The owner's rules for a subscription's seats (docs/floating-seats.md). */
export const SeatRulesSchema = Type.Object(
  {
    leaseWindowMinutes: Type.Integer({
      minimum: 1,
      maximum: 1440,
      description: 'Floating: a lease without a heartbeat for this long is released (default 10).',
    }),
    deviceLimit: Type.Integer({
      minimum: 1,
      maximum: 50,
      description: 'Named: devices one user may run their seat on at once (default 2).',
    }),
    maxBorrowDays: Type.Integer({
      minimum: 0,
      maximum: 365,
      description: 'Longest offline borrowing in days; 0 turns borrowing off (default 14).',
    }),
    minPoolSeats: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description: 'Floating: seats never lent out for offline use (default 0).',
    }),
    reclaimAfterDays: Nullable(
      Type.Integer({
        minimum: 7,
        maximum: 730,
        description:
          'Named: free a seat after this many days without use (the holder is warned 7 days before); null: off.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SeatRules = Static<typeof SeatRulesSchema>;
export const SeatRulesPatch = Type.Partial(Type.Omit(SeatRulesSchema, []), {
  additionalProperties: false,
  minProperties: 1,
});
export type SeatRulesPatch = Static<typeof SeatRulesPatch>;

export const SubscriptionSchema = Type.Object(
  {
    id: Id,
    product: Product,
    kind: SubscriptionKind,
    seats: Type.Integer({ description: 'Seats purchased' }),
    assigned: Type.Integer({ description: 'Named: seats held now; never above seats. Floating: 0.' }),
    available: Type.Integer({ description: 'Named: seats not assigned. Floating: seats not leased now.' }),
    inUse: Type.Integer({
      description: 'Live leases (devices running the app, and borrowed seats); a floating pool never above seats.',
    }),
    borrowed: Type.Integer({ description: 'Of inUse, the seats checked out for offline use.' }),
    seatRules: SeatRulesSchema,
    status: SubscriptionStatus,
    autoRenew: Type.Boolean(),
    startsAt: IsoDateTime,
    expiresAt: IsoDateTime,
    daysUntilExpiry: Type.Integer({ description: 'Whole days, rounded up; negative once expired.' }),
    seatPrice: Nullable(Type.Object({ amountCents: Type.Integer(), currency: Type.String() })),
    createdAt: IsoDateTime,
  },
  { $id: 'Subscription' },
);
export type Subscription = Static<typeof SubscriptionSchema, ProductRefs>;

export const AssignmentSchema = Type.Object(
  {
    id: Type.String(),
    subscriptionId: Id,
    product: Product,
    user: Type.Object({
      id: Id,
      email: Type.String(),
      name: Type.String(),
      status: Type.Enum(['active', 'deactivated']),
    }),
    assignedAt: IsoDateTime,
    assignedBy: Nullable(Type.Object({ id: Id, name: Type.String() })),
    lastUsedAt: Nullable(IsoDateTime),
  },
  { $id: 'Assignment' },
);
/** A seat of a subscription held by one user. */
export type Assignment = Static<typeof AssignmentSchema, ProductRefs>;

export const SubscriptionPage = pageOf(Type.Ref('Subscription'));
export type SubscriptionPage = Static<
  typeof SubscriptionPage,
  ProductRefs & { Subscription: typeof SubscriptionSchema }
>;
export const AssignmentPage = pageOf(Type.Ref('Assignment'));
export type AssignmentPage = Static<typeof AssignmentPage, ProductRefs & { Assignment: typeof AssignmentSchema }>;

export const SubscriptionListQuery = Type.Object({ status: Type.Optional(SubscriptionStatus) });
export type SubscriptionListQuery = Static<typeof SubscriptionListQuery>;
export const AssignBody = Type.Object({ userId: Id }, { additionalProperties: false });
export type AssignBody = Static<typeof AssignBody>;
export const ReassignBody = Type.Object({ toUserId: Id }, { additionalProperties: false });
export type ReassignBody = Static<typeof ReassignBody>;
export const AssignmentParams = Type.Object({ id: Id, userId: Id });
export type AssignmentParams = Static<typeof AssignmentParams>;
