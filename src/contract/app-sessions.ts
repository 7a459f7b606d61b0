import { type Static, Type } from 'typebox';
import { DEVICE_CREDENTIAL_MAX_LENGTH } from '../common/api-limits.ts';
import type { ProductRefs } from './products.ts';
import { Email, Id, IsoDateTime, Password } from './schema-helpers.ts';

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

export const StartAppSessionBody = Type.Object(
  {
    email: Email,
    password: Password,
    app: Type.Object(
      {
        key: Type.String({
          minLength: 1,
          maxLength: 64,
          pattern: '^[a-z0-9][a-z0-9._-]*$',
          description: 'Product key',
        }),
        version: Text(64),
      },
      { additionalProperties: false },
    ),
    device: Type.Object(
      {
        id: Text(128, 'Stable identifier of this installation or machine'),
        name: Text(200, 'Human name of the device, e.g. "Dana’s laptop"'),
        os: Text(100),
        osVersion: Text(100),
        type: Type.Optional(Type.Enum(['desktop', 'mobile', 'tablet', 'other'], { default: 'desktop' })),
      },
      { additionalProperties: false },
    ),
    deviceCredential: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: DEVICE_CREDENTIAL_MAX_LENGTH,
        description:
          'The deviceCredential of this installation’s last successful sign-in, if any. Failed attempts that carry a ' +
          'valid one are counted on their own, so strangers failing on the account elsewhere cannot lock it out. ' +
          'An invalid, expired or other user’s credential is ignored.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type StartAppSessionBody = Static<typeof StartAppSessionBody>;

export const StartAppSessionResponse = Type.Object({
  sessionToken: Type.String({ description: 'Bearer token for heartbeats and sign-out; shown once.' }),
  deviceCredential: Type.String({
    description: 'Keep it (per user, on this installation) and send it with the next sign-in; replaces the last one.',
  }),
  expiresAt: IsoDateTime,
  heartbeatIntervalSeconds: Type.Integer(),
  license: Type.Object({ subscriptionId: Id, product: Type.Ref('Product'), expiresAt: IsoDateTime }),
});
export type StartAppSessionResponse = Static<typeof StartAppSessionResponse, ProductRefs>;

/** Documented, not enforced here: a missing or malformed token answers 401 session-invalid like an unknown one. */
export const BearerHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ description: 'Bearer <sessionToken>' })),
});
export type BearerHeaders = Static<typeof BearerHeaders>;
