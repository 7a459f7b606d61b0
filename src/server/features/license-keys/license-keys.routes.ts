import { LicenseKeySetSchema, LicenseKeysQuery } from '../../../contract/leases.ts';
import { RotatedLicenseKeySchema } from '../../../contract/license-keys.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { rotateLicenseKey } from './rotate-license-key.ts';
import { readLicenseKeySet } from './signing-keys.ts';

/**
 * How long apps and proxies may keep the JWKS, in seconds. A rotation publishes the new key at once but
 * only files signed after it name that key, and a borrowing app fetches the keys after it borrows, so a
 * short cache is enough; 5 minutes spares the server a fleet's refreshes.
 */
export const LICENSE_KEYS_MAX_AGE_S = 300;

/** The public keys that verify lease files (anyone), and their rotation (owners). */
export function registerLicenseKeyRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/v1/license-keys',
    {
      schema: {
        tags: ['apps'],
        operationId: 'getLicenseKeys',
        summary: 'The public keys (JWKS) that verify lease files offline',
        description:
          'Ed25519 keys (RFC 8037) of every organization, or of one with `orgId`: the active key of each and any ' +
          'retired key that signed a lease still borrowed. Public; may be cached for a few minutes.',
        security: [],
        querystring: LicenseKeysQuery,
        response: { 200: LicenseKeySetSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', `public, max-age=${LICENSE_KEYS_MAX_AGE_S}`);
      return readLicenseKeySet(deps.database.db, request.query.orgId, deps.now());
    },
  );

  app.post(
    '/api/v1/organization/license-keys/rotate',
    {
      preHandler: requireOwner(deps),
      schema: {
        tags: ['organization'],
        operationId: 'rotateLicenseKey',
        summary: 'Rotate the key that signs lease files',
        description:
          'The active key stops signing and a new one signs every borrowing from now on. Lease files already ' +
          'issued keep verifying: their key stays published while their lease is borrowed. Audited.',
        response: { 200: RotatedLicenseKeySchema, ...problems(OWNER_ONLY) },
      },
    },
    async (request) => {
      const orgId = authOf(request).orgId;
      const now = deps.now();
      const rotated = await rotateLicenseKey(deps.database.db, { orgId, actor: auditActorOf(request), now });
      const { keys } = await readLicenseKeySet(deps.database.db, orgId, now);
      return { ...rotated, keys };
    },
  );
}
