import { Type } from 'typebox';
import { Email, Id, IsoDateTime, Password } from '../../http/schema-helpers.ts';

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
  },
  { additionalProperties: false },
);

export const StartAppSessionResponse = Type.Object({
  sessionToken: Type.String({ description: 'Bearer token for heartbeats and sign-out; shown once.' }),
  expiresAt: IsoDateTime,
  heartbeatIntervalSeconds: Type.Integer(),
  license: Type.Object({ subscriptionId: Id, product: Type.Ref('Product'), expiresAt: IsoDateTime }),
});

/** Documented, not enforced here: a missing or malformed token answers 401 session-invalid like an unknown one. */
export const BearerHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ description: 'Bearer <sessionToken>' })),
});
