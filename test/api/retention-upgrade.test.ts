import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { insertOrganization } from '../../src/server/features/organizations/organizations.repository.ts';
import { postgresAvailable } from '../helpers/postgres.ts';
import { openScratchDatabase } from '../helpers/scratch-database.ts';

// An upgrade must not delete history: organizations that exist before migration 0012 keep their raw events
// (10 years, the longest setting) until an owner chooses a shorter retention; new ones start at 365 days.
for (const kind of ['sqlite', 'postgres'] as const) {
  const describeIt = kind === 'postgres' && !postgresAvailable ? describe.skip : describe;
  describeIt(`migration 0012 on an existing database [${kind}]`, () => {
    it('keeps existing organizations’ history; new organizations start at 365 days', async () => {
      const { database, cleanup } = await openScratchDatabase(kind);
      try {
        const db = database.db;
        const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
        const { error } = await migrator.migrateTo('0011_account_security');
        if (error) throw error;
        const existing = await insertOrganization(db, { name: 'Years of history', now: Date.now() });
        await migrateToLatest(db);
        const fresh = await insertOrganization(db, { name: 'New', now: Date.now() });
        const retention = await db
          .selectFrom('organizations')
          .select(['id', 'raw_event_retention_days', 'audit_retention_days'])
          .orderBy('created_at')
          .execute();
        expect(Object.fromEntries(retention.map((row) => [row.id, row.raw_event_retention_days]))).toEqual({
          [existing.id]: 3650,
          [fresh.id]: 365,
        });
        expect(retention.map((row) => row.audit_retention_days)).toEqual([730, 730]);
      } finally {
        await cleanup();
      }
    });
  });
}
