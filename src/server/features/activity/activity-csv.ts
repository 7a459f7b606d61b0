import { AppError } from '../../lib/app-error.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { localDay } from '../../lib/local-date.ts';
import type { ActivityItem } from './activity.types.ts';

/** Validates an IANA zone name; a typo is a 400 that says so, not a silent UTC. */
export function parseTimeZone(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    throw new AppError(400, 'invalid-time-zone', 'Unknown time zone', `"${timeZone}" is not an IANA time zone.`, {
      errors: [{ path: 'querystring/tz', message: 'must be an IANA time zone such as Europe/Berlin' }],
    });
  }
}

/** The Activity export's columns; the same fields as the JSON, flattened. */
export function activityCsvColumns(timeZone: string | undefined): CsvColumn<ActivityItem>[] {
  const local = timeZone ? localTimeFormatter(timeZone) : undefined;
  return [
    { header: 'time_utc', value: (item) => item.occurredAt },
    ...(local ? [{ header: `time_local (${timeZone})`, value: (item: ActivityItem) => local(item.occurredAt) }] : []),
    { header: 'type', value: (item) => item.type },
    { header: 'outcome', value: (item) => item.outcome },
    { header: 'failure_reason', value: (item) => item.failureReason },
    { header: 'client', value: (item) => item.client },
    { header: 'method', value: (item) => item.method },
    { header: 'second_factor', value: (item) => item.secondFactor },
    { header: 'step_reason', value: (item) => item.stepReason },
    { header: 'ip', value: (item) => item.ip },
    ...placeCsvColumns<ActivityItem>(),
    ...deviceCsvColumns<ActivityItem>(),
    { header: 'app', value: (item) => item.device.app },
    { header: 'app_version', value: (item) => item.device.appVersion },
    { header: 'device_id', value: (item) => item.device.deviceId },
    { header: 'device_name', value: (item) => item.device.name },
    { header: 'session_started_at', value: (item) => item.session?.startedAt },
    { header: 'session_ended_at', value: (item) => item.session?.endedAt },
    { header: 'session_end_reason', value: (item) => item.session?.endReason },
    { header: 'session_duration_seconds', value: (item) => item.session?.durationSeconds },
    { header: 'risk', value: (item) => item.risk.join(' ') },
    { header: 'user_agent', value: (item) => item.userAgent },
  ];
}

/** ISO instant → the local date and time in `timeZone`, as spreadsheets read it. */
export function localTimeFormatter(timeZone: string) {
  // sv-SE writes ISO-like "2026-11-26 23:02:35", which spreadsheets read as a date-time.
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso: string) => format.format(new Date(iso));
}

/**
 * The export's file name says whose activity and which days it holds: `activity-ana_example.com-2026-11-01-to-2026-11-30.csv`
 * (the first and last day, in the zone of the file's local-time column — the viewer's — else UTC); without a start,
 * `…-until-2026-11-30.csv`; without bounds, `…-as-of-2026-12-01.csv` (everything up to that day).
 */
export function activityCsvFileName(
  label: string,
  filters: { from?: number | undefined; to?: number | undefined },
  timeZone: string | undefined,
  now: number,
): string {
  const zone = timeZone ?? 'UTC';
  // `to` is exclusive: the file's last day is the one its last millisecond falls on.
  const last = filters.to === undefined ? undefined : localDay(filters.to - 1, zone);
  const period =
    filters.from !== undefined
      ? `${localDay(filters.from, zone)}-to-${last ?? localDay(now, zone)}`
      : last !== undefined
        ? `until-${last}`
        : `as-of-${localDay(now, zone)}`;
  return `activity-${label.replace(/[^A-Za-z0-9._-]+/g, '_')}-${period}.csv`;
}

type Located = Pick<ActivityItem, 'location'>;
type WithDevice = Pick<ActivityItem, 'device'>;

/** Where an attempt came from, as the Activity and Sign-ins exports both write it. */
export function placeCsvColumns<T extends Located>(): CsvColumn<T>[] {
  return [
    { header: 'country_code', value: (item) => item.location?.countryCode },
    { header: 'country', value: (item) => item.location?.country },
    { header: 'region', value: (item) => item.location?.region },
    { header: 'city', value: (item) => item.location?.city },
    { header: 'latitude', value: (item) => item.location?.latitude },
    { header: 'longitude', value: (item) => item.location?.longitude },
    { header: 'asn', value: (item) => item.location?.asn },
    { header: 'as_organization', value: (item) => item.location?.asOrganization },
  ];
}

/** The device an attempt came from, as both exports write it (the app and device ids go where each export puts them). */
export function deviceCsvColumns<T extends WithDevice>(): CsvColumn<T>[] {
  return [
    { header: 'device_type', value: (item) => item.device.type },
    { header: 'os', value: (item) => item.device.os },
    { header: 'os_version', value: (item) => item.device.osVersion },
    { header: 'browser', value: (item) => item.device.browser },
    { header: 'browser_version', value: (item) => item.device.browserVersion },
  ];
}
