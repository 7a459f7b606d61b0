import type { CsvColumn } from '../../lib/csv.ts';
import { localDay } from '../../lib/local-date.ts';
import { deviceCsvColumns, localTimeFormatter, placeCsvColumns } from '../activity/index.ts';
import type { SignInItem } from './sign-ins.types.ts';

/** The sign-in log's export columns: the JSON's fields flattened, the account beside the email typed. */
export function signInCsvColumns(timeZone: string | undefined): CsvColumn<SignInItem>[] {
  const local = timeZone ? localTimeFormatter(timeZone) : undefined;
  return [
    { header: 'time_utc', value: (item) => item.occurredAt },
    ...(local ? [{ header: `time_local (${timeZone})`, value: (item: SignInItem) => local(item.occurredAt) }] : []),
    { header: 'id', value: (item) => item.id },
    { header: 'email', value: (item) => item.email },
    { header: 'user_id', value: (item) => item.user?.id },
    { header: 'user_name', value: (item) => item.user?.name },
    { header: 'user_status', value: (item) => item.user?.status },
    { header: 'outcome', value: (item) => item.outcome },
    { header: 'failure_reason', value: (item) => item.failureReason },
    { header: 'client', value: (item) => item.client },
    { header: 'method', value: (item) => item.method },
    { header: 'second_factor', value: (item) => item.secondFactor },
    { header: 'step_reason', value: (item) => item.stepReason },
    { header: 'app', value: (item) => item.device.app },
    { header: 'app_version', value: (item) => item.device.appVersion },
    { header: 'ip', value: (item) => item.ip },
    ...placeCsvColumns<SignInItem>(),
    ...deviceCsvColumns<SignInItem>(),
    { header: 'device_id', value: (item) => item.device.deviceId },
    { header: 'device_name', value: (item) => item.device.name },
    { header: 'risk', value: (item) => item.risk.join(' ') },
    { header: 'user_agent', value: (item) => item.userAgent },
  ];
}

/**
 * The export's file name says its range: `sign-ins-2026-11-01-to-2026-12-01.csv` (the end is
 * exclusive, as the `to` filter), `sign-ins-until-2026-12-01.csv` without a start. Without an end
 * the range ends now. Days are in `timeZone` when given (the viewer's), else UTC.
 */
export function signInCsvFileName(
  range: { from?: number | undefined; to?: number | undefined },
  now: number,
  timeZone: string | undefined,
): string {
  const day = (ms: number) => localDay(ms, timeZone ?? 'UTC');
  const end = day(range.to ?? now);
  return range.from === undefined ? `sign-ins-until-${end}.csv` : `sign-ins-${day(range.from)}-to-${end}.csv`;
}
