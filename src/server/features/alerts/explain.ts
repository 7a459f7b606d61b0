/** Plain-words pieces of alert explanations: numbers with thousands separators, places, durations. */

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return number.format(value);
}

export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** "London, United Kingdom", "Sweden", or null when GeoIP knew nothing. */
export function placeName(place: { city: string | null; country: string | null } | null | undefined): string | null {
  if (!place) return null;
  if (place.city && place.country) return `${place.city}, ${place.country}`;
  return place.country ?? place.city ?? null;
}

/** A window setting in words: 60 → "an hour", 1440 → "a day", 120 → "2 hours", 15 → "15 minutes". */
export function formatWindow(minutes: number): string {
  if (minutes === 60) return 'an hour';
  if (minutes === 1440) return 'a day';
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour', 'hours');
  return plural(minutes, 'minute', 'minutes');
}

/**
 * A measured span in words, rounded up to whole minutes below 90 minutes (so "in 0 minutes"
 * never appears), then to hours with one decimal.
 */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 90) return plural(minutes, 'minute', 'minutes');
  const hours = Math.round((ms / 3_600_000) * 10) / 10;
  return `${hours.toLocaleString('en-US')} hours`;
}
