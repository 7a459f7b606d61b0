export interface TimeZoneOption {
  value: string;
  /** "America/New York": searchable with the space people type. */
  label: string;
}

/**
 * The IANA zones this browser knows, UTC first (a new organization's zone, which V8's list leaves out), and the
 * saved zone even when this browser's list lacks it, so the select always shows what is in force.
 */
export function timeZoneOptions(current: string): TimeZoneOption[] {
  const zones = Intl.supportedValuesOf('timeZone');
  const names = ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
  if (current && !names.includes(current)) names.push(current);
  return names.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}
