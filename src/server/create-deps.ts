import type { AppDeps } from './app-deps.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openGeoIp } from './features/geo/index.ts';
import { createLoginThrottle } from './features/throttle/index.ts';

/** Opens the database (migrated), GeoIP and the throttle store, as configured. */
export async function createDeps(config: Config): Promise<AppDeps & { close(): Promise<void> }> {
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const geo = await openGeoIp({ cityDb: config.geoipCityDb, asnDb: config.geoipAsnDb });
    const throttle = createLoginThrottle({ redisUrl: config.redisUrl });
    return {
      config,
      database,
      geo,
      throttle,
      now: () => Date.now(),
      async close() {
        await throttle.close();
        geo.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
