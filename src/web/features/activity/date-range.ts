import dayjs from 'dayjs';

/**
 * Turns picked local calendar days (YYYY-MM-DD, both inclusive) into the API's half-open interval of instants:
 * `from` = start of the first day, `to` = start of the day after the last day, both in the viewer's zone and
 * written as UTC ISO strings. A missing end means "from the first day on"; nothing picked means no bounds.
 */
export function dayRangeToInstants(first: string | null, last: string | null): { from?: string; to?: string } {
  const result: { from?: string; to?: string } = {};
  if (first) result.from = dayjs(first).startOf('day').toISOString();
  if (last) result.to = dayjs(last).startOf('day').add(1, 'day').toISOString();
  return result;
}
