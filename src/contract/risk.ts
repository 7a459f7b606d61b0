import { type Static, Type } from 'typebox';
import { LocationSchema } from './location.ts';
import { IsoDateTime, Nullable } from './schema-helpers.ts';

/** The risk flags a sign-in attempt can carry (issue 11); README "Security monitoring" says when each is raised. */
export const RISK_FLAGS = [
  'new_device',
  'new_country',
  'new_place',
  'impossible_travel',
  'failures_before_success',
  'deactivated_account',
  'hosting_network',
  'anonymous_network',
] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

/** The earlier sign-in a flag compares this one with. */
export const EarlierSignInSchema = Type.Object({
  id: Type.String({ description: 'The earlier sign-in attempt’s id (GET /sign-ins/{id}).' }),
  occurredAt: IsoDateTime,
  location: Nullable(LocationSchema),
});

/**
 * Why a flag was raised, in numbers an owner can judge: the earlier event, how far (km), how
 * long before (hours), how fast (km/h); null where a number does not apply to the flag.
 */
export const RiskEvidenceSchema = Type.Object({
  flag: Type.Enum([...RISK_FLAGS]),
  explanation: Type.String({ description: 'One sentence in plain words.' }),
  earlier: Nullable(EarlierSignInSchema),
  distanceKm: Nullable(Type.Number({ description: 'Great-circle distance to the earlier place, km.' })),
  elapsedHours: Nullable(Type.Number({ description: 'Time since the earlier sign-in, hours.' })),
  speedKmh: Nullable(
    Type.Number({ description: 'Speed needed, km/h, after the GeoIP tolerance is taken off the distance.' }),
  ),
  failures: Nullable(Type.Integer({ description: 'Failed attempts before this one within the rule’s window.' })),
  network: Nullable(Type.Object({ asn: Nullable(Type.Integer()), organization: Nullable(Type.String()) })),
});
export type RiskEvidence = Static<typeof RiskEvidenceSchema>;
