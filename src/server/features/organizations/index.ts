/** The public entry of organizations: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export {
  countOrganizations,
  findOrganization,
  findSignInsPurgedBefore,
  insertOrganization,
  lockOrganization,
} from './organizations.repository.ts';
