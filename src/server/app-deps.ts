import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { GeoIp } from './features/geo/index.ts';
import type { LoginThrottle } from './features/throttle/index.ts';

/** Everything a route needs from outside the request, built once at start (and by tests). */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  geo: GeoIp;
  throttle: LoginThrottle;
  /** Epoch ms; tests may pin it. */
  now: () => number;
}
