import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, TimeZoneInput } from './schema-helpers.ts';

const Threshold = (description: string) => Type.Integer({ minimum: 1, maximum: 3650, description });

/** The latest recount of the reports (a changed time zone), which runs in the background. */
export const ReportsRecount = Type.Object(
  {
    status: Type.Enum(['running', 'done', 'failed'], {
      description:
        'running: the reports are being recounted; failed: they are half-counted until `rebuild-reports` runs.',
    }),
    timeZone: Type.String({ description: 'The zone being counted in.' }),
    done: Type.Integer({ minimum: 0, description: 'Users recounted so far.' }),
    total: Type.Integer({ minimum: 0, description: 'Users to recount.' }),
    startedAt: IsoDateTime,
    finishedAt: Nullable(IsoDateTime),
    error: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type ReportsRecount = Static<typeof ReportsRecount>;

export const OrganizationSettings = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    timeZone: Type.String({ description: 'IANA zone; reports count calendar days in it.' }),
    inactivityDays: Threshold('Days without a sign-in or app use before a user counts as inactive.'),
    underuseDays: Threshold('Days without use of its app before a seat counts as under-used.'),
    reportsRecount: Nullable(ReportsRecount),
  },
  { additionalProperties: false },
);
export type OrganizationSettings = Static<typeof OrganizationSettings>;

export const PatchOrganizationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    timeZone: Type.Optional(
      TimeZoneInput('The zone the reports count calendar days in. Changing it recounts them (may take a while).'),
    ),
    inactivityDays: Type.Optional(Threshold('Days without a sign-in or app use before a user counts as inactive.')),
    underuseDays: Type.Optional(Threshold('Days without use of its app before a seat counts as under-used.')),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchOrganizationBody = Static<typeof PatchOrganizationBody>;
