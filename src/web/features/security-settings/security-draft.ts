import {
  type PatchSecuritySettingsBody,
  type SecuritySettings,
  SecuritySettingsSchema,
} from '../../../contract/security';

/** A number field as typed: a number, or '' / text while someone is editing it. */
export type DraftNumber = number | string;

/** The numeric rules, each at its path in SecuritySettings ("impossibleTravel.speedKmh"). */
export const NUMBER_FIELDS = [
  'learning.signIns',
  'learning.days',
  'newPlaceRadiusKm',
  'impossibleTravel.speedKmh',
  'impossibleTravel.toleranceKm',
  'takeover.failures',
  'takeover.windowMinutes',
  'bruteForce.failures',
  'bruteForce.windowMinutes',
  'spraying.accounts',
  'spraying.windowMinutes',
  'notifications.digestMinutes',
  'signIn.graceDays',
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

export interface SecurityDraft {
  numbers: Record<NumberField, DraftNumber>;
  alertOnNewDevice: boolean;
  alertOnNewCountryAlone: boolean;
  trustedNetworks: { key: number; cidr: string; label: string }[];
  emailOwners: boolean;
  minimumSeverity: SecuritySettings['notifications']['minimumSeverity'];
  askUsers: boolean;
  signIn: Omit<SecuritySettings['signIn'], 'graceDays'>;
}

/** Field path → message ("impossibleTravel.speedKmh", "trustedNetworks.2.cidr"). */
export type SecurityErrors = Record<string, string>;

type Bounded = { minimum: number; maximum: number };

/** A numeric rule's bounds, read from the contract so the form and the server never disagree. */
export function boundsOf(field: NumberField): Bounded {
  const [group, key] = field.split('.') as [string, string | undefined];
  const properties = SecuritySettingsSchema.properties as unknown as Record<
    string,
    Bounded & { properties?: Record<string, Bounded> }
  >;
  const schema = key ? properties[group]?.properties?.[key] : properties[group];
  return { minimum: schema?.minimum ?? 0, maximum: schema?.maximum ?? Number.MAX_SAFE_INTEGER };
}

function read(settings: SecuritySettings, field: NumberField): number {
  const [group, key] = field.split('.') as [keyof SecuritySettings, string | undefined];
  const value = settings[group] as unknown;
  return key ? ((value as Record<string, number>)[key] ?? 0) : (value as number);
}

let nextKey = 0;
/** A stable React key for a trusted network row (rows have no id). */
export function newRowKey(): number {
  nextKey += 1;
  return nextKey;
}

export function toSecurityDraft(settings: SecuritySettings): SecurityDraft {
  return {
    numbers: Object.fromEntries(NUMBER_FIELDS.map((field) => [field, read(settings, field)])) as Record<
      NumberField,
      number
    >,
    alertOnNewDevice: settings.alertOnNewDevice,
    alertOnNewCountryAlone: settings.alertOnNewCountryAlone,
    trustedNetworks: settings.trustedNetworks.map((network) => ({ key: newRowKey(), ...network })),
    emailOwners: settings.notifications.emailOwners,
    minimumSeverity: settings.notifications.minimumSeverity,
    askUsers: settings.notifications.askUsers,
    signIn: {
      requireSecondFactor: settings.signIn.requireSecondFactor,
      requiredSince: settings.signIn.requiredSince,
      onRisk: settings.signIn.onRisk,
      appPasswordSignIn: settings.signIn.appPasswordSignIn,
    },
  };
}

/** Problems the form can see before sending: numbers out of their bounds, a network row without an address. */
export function checkSecurityDraft(draft: SecurityDraft): SecurityErrors {
  const errors: SecurityErrors = {};
  for (const field of NUMBER_FIELDS) {
    const value = draft.numbers[field];
    const { minimum, maximum } = boundsOf(field);
    if (typeof value !== 'number' || !Number.isInteger(value)) errors[field] = 'Enter a whole number.';
    else if (value < minimum || value > maximum) errors[field] = `Must be from ${minimum} to ${maximum}.`;
  }
  draft.trustedNetworks.forEach((row, index) => {
    if (!row.cidr.trim())
      errors[`trustedNetworks.${index}.cidr`] = 'Enter an address or a network, e.g. 203.0.113.0/24.';
    if (row.label.length > 100) errors[`trustedNetworks.${index}.label`] = 'At most 100 characters.';
  });
  return errors;
}

/** The settings the draft describes; numbers must have passed `checkSecurityDraft`. */
export function fromSecurityDraft(draft: SecurityDraft): SecuritySettings {
  const n = (field: NumberField) => Number(draft.numbers[field]);
  return {
    learning: { signIns: n('learning.signIns'), days: n('learning.days') },
    newPlaceRadiusKm: n('newPlaceRadiusKm'),
    impossibleTravel: { speedKmh: n('impossibleTravel.speedKmh'), toleranceKm: n('impossibleTravel.toleranceKm') },
    takeover: { failures: n('takeover.failures'), windowMinutes: n('takeover.windowMinutes') },
    bruteForce: { failures: n('bruteForce.failures'), windowMinutes: n('bruteForce.windowMinutes') },
    spraying: { accounts: n('spraying.accounts'), windowMinutes: n('spraying.windowMinutes') },
    alertOnNewDevice: draft.alertOnNewDevice,
    alertOnNewCountryAlone: draft.alertOnNewCountryAlone,
    trustedNetworks: draft.trustedNetworks.map((row) => ({ cidr: row.cidr.trim(), label: row.label.trim() })),
    notifications: {
      emailOwners: draft.emailOwners,
      minimumSeverity: draft.minimumSeverity,
      digestMinutes: n('notifications.digestMinutes'),
      askUsers: draft.askUsers,
    },
    signIn: { ...draft.signIn, graceDays: n('signIn.graceDays') },
  };
}

/** Equal values whatever the order of their keys (the server's JSON and the draft's build differ in order). */
function sameSettings(a: unknown, b: unknown): boolean {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, item]) => [key, sorted(item)]),
          )
        : value;
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

/** Only the groups that differ from what is saved: the server replaces each group given whole. */
export function securityPatch(saved: SecuritySettings, draft: SecurityDraft): PatchSecuritySettingsBody {
  const next = fromSecurityDraft(draft);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof SecuritySettings)[]) {
    if (!sameSettings(next[key], saved[key])) patch[key] = next[key];
  }
  // The server sets when the requirement started; the patch never carries it.
  if (patch.signIn) {
    const { requiredSince: _set, ...signIn } = next.signIn;
    patch.signIn = signIn;
  }
  return patch as PatchSecuritySettingsBody;
}

/** A server problem's per-field messages keyed like the form's ("body/trustedNetworks/0/cidr" → "trustedNetworks.0.cidr"). */
export function serverFieldErrors(errors: readonly { path: string; message: string }[] | undefined): SecurityErrors {
  const result: SecurityErrors = {};
  for (const item of errors ?? []) {
    const parts = item.path.split(/[/.]/).filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    const key = parts.join('.');
    if (key && !(key in result)) result[key] = item.message;
  }
  return result;
}
