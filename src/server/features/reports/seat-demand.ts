import { HOUR_MS } from '../../lib/time.ts';

/** A recorded hour of seats in use (seat_usage_hours): `hour` is the UTC hour's start, ms. */
export interface UsageHour {
  hour: number;
  peak: number;
  last: number;
  seats: number;
}

/** Seats in use in one UTC hour, with what was owned then. */
export interface HourPeak {
  hour: number;
  peak: number;
  seats: number;
}

/**
 * The peak of every UTC hour in [fromHour, toHour) (ms, whole hours, end excluded). An hour without a
 * row had no change: its peak is the level the previous change left (`last`), starting from `start`
 * (the last row before the range, or nothing in use). `rows` must be sorted by hour and inside the range.
 */
export function carryHourlyPeaks(
  rows: readonly UsageHour[],
  range: { fromHour: number; toHour: number },
  start: { level: number; seats: number },
): HourPeak[] {
  const peaks: HourPeak[] = [];
  let level = start.level;
  let seats = start.seats;
  let next = 0;
  for (let hour = range.fromHour; hour < range.toHour; hour += HOUR_MS) {
    while (next < rows.length && (rows[next] as UsageHour).hour < hour) next++;
    const row = rows[next];
    if (row && row.hour === hour) {
      peaks.push({ hour, peak: row.peak, seats: row.seats });
      level = row.last;
      seats = row.seats;
      next++;
    } else {
      peaks.push({ hour, peak: level, seats });
    }
  }
  return peaks;
}

/**
 * The nearest-rank percentile (p in (0, 100]): the smallest value with at least p % of the values at or
 * below it — always one of the values, never interpolated. 0 for no values.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface SeatRecommendation {
  /** Seats to own. */
  seats: number;
  /** Seats to buy (positive) or drop (negative) against those owned. */
  change: number;
  /** The advice in plain words. */
  text: string;
}

/** Words for a recommended number of seats against those owned, with the reason after a dash. */
export function recommendSeats(
  input: { recommended: number; owned: number; appName: string },
  why: string,
): SeatRecommendation {
  const seats = Math.max(1, input.recommended);
  const change = seats - input.owned;
  const plural = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;
  const advice =
    change > 0
      ? `Buy ${change} more ${change === 1 ? 'seat' : 'seats'} of ${input.appName}`
      : change < 0
        ? `Drop ${plural(-change)} of ${input.appName}`
        : `Keep ${plural(seats)} of ${input.appName}`;
  return { seats, change, text: `${advice} — ${why}` };
}
