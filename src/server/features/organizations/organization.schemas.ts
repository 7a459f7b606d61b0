import { Type } from 'typebox';

const Threshold = (description: string) => Type.Integer({ minimum: 1, maximum: 3650, description });

export const OrganizationSettings = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    timeZone: Type.String({ description: 'IANA zone; reports count calendar days in it.' }),
    inactivityDays: Threshold('Days without a sign-in or app use before a user counts as inactive.'),
    underuseDays: Threshold('Days without use of its app before a seat counts as under-used.'),
  },
  { additionalProperties: false },
);

export const PatchOrganizationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    timeZone: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: 'IANA zone, such as Europe/Berlin. Changing it recounts the reports’ days (may take a while).',
      }),
    ),
    inactivityDays: Type.Optional(Threshold('Days without a sign-in or app use before a user counts as inactive.')),
    underuseDays: Type.Optional(Threshold('Days without use of its app before a seat counts as under-used.')),
  },
  { additionalProperties: false, minProperties: 1 },
);
