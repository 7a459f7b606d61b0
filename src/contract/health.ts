import { type Static, Type } from 'typebox';

/** What /healthz and /readyz answer. */
export const HealthStatus = Type.Object({ status: Type.String() });
export type HealthStatus = Static<typeof HealthStatus>;
