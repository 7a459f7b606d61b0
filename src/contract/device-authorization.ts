import { type Static, Type } from 'typebox';
import { AppDeviceSchema, AppRef } from './app-sessions.ts';
import { IsoDateTime } from './schema-helpers.ts';

/**
 * An app signing its user in through the browser (OAuth 2.0 device authorization grant, RFC 8628): the app
 * asks for a code, the user approves it at /device in the console, the app polls POST /app/sessions {deviceCode}.
 */

export const StartDeviceAuthorizationBody = Type.Object(
  { app: AppRef, device: AppDeviceSchema },
  { additionalProperties: false },
);
export type StartDeviceAuthorizationBody = Static<typeof StartDeviceAuthorizationBody>;

export const DeviceAuthorizationSchema = Type.Object({
  deviceCode: Type.String({
    description: 'Secret: the app polls POST /api/v1/app/sessions {deviceCode} with it. Shown once.',
  }),
  userCode: Type.String({
    pattern: '^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$',
    description: 'What the user types at verificationUri, e.g. BDFH-JKLM (8 letters, no vowels; dash optional).',
  }),
  verificationUri: Type.String({ description: 'Where the user approves: the console’s /device page.' }),
  verificationUriComplete: Type.String({ description: 'The same page with the code filled in (?code=…).' }),
  interval: Type.Integer({ description: 'Seconds to wait between polls; add 5 after each slow-down.' }),
  expiresIn: Type.Integer({ description: 'Seconds until the codes expire.' }),
});
export type DeviceAuthorizationSchema = Static<typeof DeviceAuthorizationSchema>;

/** The code as the user typed it: letters, an optional dash or space, any case. */
export const UserCodeParams = Type.Object({
  userCode: Type.String({ minLength: 1, maxLength: 20, description: 'e.g. BDFH-JKLM; dash and case ignored' }),
});
export type UserCodeParams = Static<typeof UserCodeParams>;

/** What the user is asked to approve on /device. */
export const DeviceAuthorizationRequestSchema = Type.Object({
  userCode: Type.String({ description: 'XXXX-XXXX' }),
  app: Type.Object({ key: Type.String(), name: Type.String(), version: Type.String() }),
  device: Type.Object({
    name: Type.String(),
    os: Type.String(),
    osVersion: Type.String(),
    type: Type.Enum(['desktop', 'mobile', 'tablet', 'other']),
  }),
  requestedAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type DeviceAuthorizationRequestSchema = Static<typeof DeviceAuthorizationRequestSchema>;
