/** What other features may use of organizations: its public entry (.dependency-cruiser.cjs checks that they use nothing else). */
export {
  countOrganizations,
  findOrganization,
  insertOrganization,
  lockOrganization,
} from './organizations.repository.ts';
