import { type Static, Type } from 'typebox';
import { pageOf } from './paging.ts';
import type { ProductRefs } from './products.ts';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';
import { SubscriptionStatus } from './subscriptions.ts';

/** A seat one user holds, seen from that user. */
export const LicenseSchema = Type.Object(
  {
    subscriptionId: Id,
    product: Type.Ref('Product'),
    assignedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    subscriptionStatus: SubscriptionStatus,
    lastUsedAt: Nullable(IsoDateTime),
  },
  { $id: 'License' },
);
export type License = Static<typeof LicenseSchema, ProductRefs>;

export const LicensePage = pageOf(Type.Ref('License'));
export type LicensePage = Static<typeof LicensePage, ProductRefs & { License: typeof LicenseSchema }>;
