import { type Static, type TSchema, Type } from 'typebox';
import { DATE_SPAN_TEXT, END_INSTANT_MS, FIRST_INSTANT_MS } from '../common/date-span.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../common/password-rules.ts';

const FIRST_INSTANT_TEXT = new Date(FIRST_INSTANT_MS).toISOString();
const END_INSTANT_TEXT = new Date(END_INSTANT_MS).toISOString();

/**
 * `T | null`. Written as `type: [T, "null"]` (or `null` added to an enum) rather than
 * `anyOf`: fast-json-stringify must run Ajv on every value of an anyOf to pick the branch,
 * which made a 50-row Activity page several times slower to serialize.
 */
export function Nullable<T extends TSchema>(schema: T) {
  const json = schema as unknown as { type?: unknown; enum?: unknown[] };
  if (typeof json.type === 'string') {
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [json.type, 'null'] });
  }
  if (Array.isArray(json.enum)) return Type.Unsafe<Static<T> | null>({ ...schema, enum: [...json.enum, null] });
  return Type.Union([schema, Type.Null()]);
}

/**
 * `x-problem` on a request schema node: a failed check of one of `keywords` at or under it
 * answers this problem (400) instead of the generic `invalid-request` (src/server/http/validation.ts), so a
 * rule can live in the schema, and so in the OpenAPI document, while clients keep the code they
 * switch on. `message` replaces the field error's message; `detail` the problem's detail.
 */
export const PROBLEM_ANNOTATION = 'x-problem';
export interface ProblemAnnotation {
  code: string;
  keywords: string[];
  title: string;
  detail?: string;
  message?: string;
}
export const problemAnnotation = (annotation: ProblemAnnotation) => ({ [PROBLEM_ANNOTATION]: annotation });

export const IsoDateTime = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
/** What a date-time the API takes must be (checked by the `date-time` format, src/server/http/validation.ts). */
export const DATE_TIME_INPUT = `RFC 3339 / ISO 8601 with an offset (e.g. 2024-05-01T00:00:00Z): a real instant from ${FIRST_INSTANT_TEXT} up to, not including, ${END_INSTANT_TEXT}; no leap second.`;

/**
 * The grammar the server's date-time check (src/server/lib/local-date.ts) accepts, as a pattern: years
 * 1969–2101 in the text (an offset may move an instant of the span across a new year); the
 * exact bounds are instants, said in the description and checked by the `date-time` format.
 */
const DATE_TIME_PATTERN =
  '^(?:1969|19[7-9][0-9]|20[0-9]{2}|210[01])-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt]' +
  '(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$';
/** A calendar date of the accepted span (1970–2100); a real day (no 30 February) is the `date` format's part. */
const DATE_PATTERN = '^(?:19[7-9][0-9]|20[0-9]{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$';

/** A date-time query parameter or field the API takes. */
export const DateTimeInput = (description: string) =>
  Type.String({
    format: 'date-time',
    pattern: DATE_TIME_PATTERN,
    description: `${description} ${DATE_TIME_INPUT}`,
    examples: ['2024-05-01T00:00:00Z'],
  });

/** A calendar date the API takes (YYYY-MM-DD, a real day from 1970-01-01 to 2100-12-31). */
export const DateInput = (description: string) =>
  Type.String({
    format: 'date',
    pattern: DATE_PATTERN,
    description: `${description} YYYY-MM-DD, a real date from ${DATE_SPAN_TEXT}.`,
    examples: ['2024-05-01'],
  });

/**
 * The custom `iana-time-zone` string format: a time-zone name the server's ICU database knows
 * (IANA names and their aliases, any letter case: `Europe/Berlin`, `europe/berlin`, `UTC`).
 * Checked by src/server/http/validation.ts with isTimeZone, the check the services use.
 */
export const TIME_ZONE_FORMAT = 'iana-time-zone';

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A time zone the API takes; a name the server does not know answers 400 `invalid-time-zone`. */
export const TimeZoneInput = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 64,
    format: TIME_ZONE_FORMAT,
    description: `${description} Format \`${TIME_ZONE_FORMAT}\`: an IANA time-zone name (or alias) the server knows, in any letter case.`,
    examples: ['Europe/Berlin'],
    ...problemAnnotation({
      code: 'invalid-time-zone',
      keywords: ['format'],
      title: 'Unknown time zone',
      message: 'must be an IANA time zone such as Europe/Berlin',
    }),
  });

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/**
 * The email grammar the server checks (ajv-formats' `email`, its default full mode), as a
 * pattern: dot-atom local part, a domain of at least two labels. Emails are compared lower-cased;
 * 254 is the longest address SMTP can carry.
 */
const EMAIL_PATTERN =
  "^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*" +
  '@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$';
export const Email = Type.String({
  format: 'email',
  pattern: EMAIL_PATTERN,
  minLength: 3,
  maxLength: 254,
  examples: ['dana@example.com'],
});

/** A password as typed at sign-in: any the account may have been given. */
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

/**
 * A new password. The schema holds the length floor (in characters, i.e. code points); the rest
 * of the rules (NIST SP 800-63B, src/common/password-rules.ts) are checked by the server after
 * NFKC normalization and answer 400 `weak-password` too, saying which rule.
 */
export const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: 1024,
  description:
    `At least ${PASSWORD_MIN_LENGTH} characters. The server also refuses (400 weak-password, detail says why), ` +
    `after NFKC normalization: more than ${PASSWORD_MAX_LENGTH} characters, fewer than ${PASSWORD_MIN_LENGTH} ` +
    'visible ones, only spaces or invisible characters, a sequence (12345678) or repetition (aaaaaaaa), a common ' +
    'password, or one containing the user’s name, email or organization, or the product’s name.',
  examples: ['paper lanterns over the harbour'],
  ...problemAnnotation({
    code: 'weak-password',
    keywords: ['minLength'],
    title: 'Password not accepted',
    detail: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
    message: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  }),
});
