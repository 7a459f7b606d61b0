import { type Static, Type } from 'typebox';
import { pageOf } from './paging.ts';
import type { ProductRefs } from './products.ts';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';

const Product = Type.Ref('Product');
export const SubscriptionStatus = Type.Enum(['active', 'cancelled', 'expired'], {
  description: 'expired once expiresAt has passed; cancelled: runs to expiresAt without renewing.',
});
export type SubscriptionStatus = Static<typeof SubscriptionStatus>;

export const SubscriptionSchema = Type.Object(
  {
    id: Id,
    product: Product,
    seats: Type.Integer({ description: 'Seats purchased' }),
    assigned: Type.Integer({ description: 'Seats held now; never above seats' }),
    available: Type.Integer(),
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
