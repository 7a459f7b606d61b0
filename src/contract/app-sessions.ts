import { type Static, Type } from 'typebox';
import { DEVICE_CREDENTIAL_MAX_LENGTH } from '../common/api-limits.ts';
import type { ProductRefs } from './products.ts';
import { Email, Id, IsoDateTime, Password } from './schema-helpers.ts';

const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

/** Which app signs in: the product key the vendor registered, and the app's version. */
export const AppRef = Type.Object(
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
);
export type AppRef = Static<typeof AppRef>;

/** The machine the app runs on, as the Activity tab shows it. */
export const AppDeviceSchema = Type.Object(
  {
    id: Text(128, 'Stable identifier of this installation or machine'),
    name: Text(200, 'Human name of the device, e.g. "Dana’s laptop"'),
    os: Text(100),
    osVersion: Text(100),
    type: Type.Optional(Type.Enum(['desktop', 'mobile', 'tablet', 'other'], { default: 'desktop' })),
  },
  { additionalProperties: false },
);
export type AppDeviceSchema = Static<typeof AppDeviceSchema>;

export const PasswordAppSignInBody = Type.Object(
  {
    email: Email,
    password: Password,
    app: AppRef,
    device: AppDeviceSchema,
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
  {
    additionalProperties: false,
    title: 'Password sign-in',
    description:
      'The user typed their email and password into the app. Refused (403 browser-sign-in-required) when the ' +
      'organization turned app passwords off or the user has a second factor: then sign in through the browser.',
  },
);
export type PasswordAppSignInBody = Static<typeof PasswordAppSignInBody>;

export const DeviceCodeAppSignInBody = Type.Object(
  {
    deviceCode: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The deviceCode from POST /api/v1/app/device-authorizations.',
    }),
  },
  {
    additionalProperties: false,
    title: 'Browser sign-in (poll)',
    description:
      'Polls a device authorization (RFC 8628): 400 authorization-pending until the user approves it in the ' +
      'console, slow-down when polled faster than its interval, access-denied, expired-token; then 201, once.',
  },
);
export type DeviceCodeAppSignInBody = Static<typeof DeviceCodeAppSignInBody>;

export const StartAppSessionBody = Type.Union([PasswordAppSignInBody, DeviceCodeAppSignInBody]);
export type StartAppSessionBody = Static<typeof StartAppSessionBody>;

export const StartAppSessionResponse = Type.Object({
  sessionToken: Type.String({ description: 'Bearer token for heartbeats and sign-out; shown once.' }),
  deviceCredential: Type.String({
    description: 'Keep it (per user, on this installation) and send it with the next sign-in; replaces the last one.',
  }),
  expiresAt: { ...IsoDateTime, description: 'When the session ends without a heartbeat (each heartbeat moves it).' },
  heartbeatIntervalSeconds: Type.Integer(),
  license: Type.Object({ subscriptionId: Id, product: Type.Ref('Product'), expiresAt: IsoDateTime }),
});
export type StartAppSessionResponse = Static<typeof StartAppSessionResponse, ProductRefs>;

/** Documented, not enforced here: a missing or malformed token answers 401 session-invalid like an unknown one. */
export const BearerHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ description: 'Bearer <sessionToken>' })),
});
export type BearerHeaders = Static<typeof BearerHeaders>;
