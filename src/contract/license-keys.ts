import { type Static, Type } from 'typebox';
import { LicenseKeySetSchema } from './leases.ts';

/** The answer of a key rotation (issue 14): the key that signs from now on, the retired ones, and the JWKS now published. */
export const RotatedLicenseKeySchema = Type.Object({
  kid: Type.String({ description: 'The new signing key: lease files borrowed from now on name it in their header.' }),
  retired: Type.Array(Type.String(), {
    description: 'Keys that stopped signing; each stays published while a lease it signed is still borrowed.',
  }),
  keys: LicenseKeySetSchema.properties.keys,
});
export type RotatedLicenseKey = Static<typeof RotatedLicenseKeySchema>;
