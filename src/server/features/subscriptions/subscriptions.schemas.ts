import { Type } from 'typebox';
import { pageOf } from '../../http/paging.ts';
import { Id, IsoDateTime, Nullable } from '../../http/schema-helpers.ts';

const Product = Type.Ref('Product');
const SubscriptionStatus = Type.Enum(['active', 'cancelled', 'expired'], {
  description: 'expired once expiresAt has passed; cancelled: runs to expiresAt without renewing.',
});

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

export const LicenseSchema = Type.Object(
  {
    subscriptionId: Id,
    product: Product,
    assignedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    subscriptionStatus: SubscriptionStatus,
    lastUsedAt: Nullable(IsoDateTime),
  },
  { $id: 'License' },
);

export const SubscriptionPage = pageOf(Type.Ref('Subscription'));
export const AssignmentPage = pageOf(Type.Ref('Assignment'));
export const LicensePage = pageOf(Type.Ref('License'));

export const SubscriptionListQuery = Type.Object({ status: Type.Optional(SubscriptionStatus) });
export const AssignBody = Type.Object({ userId: Id }, { additionalProperties: false });
export const ReassignBody = Type.Object({ toUserId: Id }, { additionalProperties: false });
export const AssignmentParams = Type.Object({ id: Id, userId: Id });
