import type { ActivityLocation } from '../../../contract/activity';

/** "Berlin, Land Berlin, Germany"; repeated names (city-states) are said once; null when nothing is known. */
export function describeLocation(location: ActivityLocation | null): string | null {
  if (!location) return null;
  const parts: string[] = [];
  for (const part of [location.city, location.region, location.country ?? location.countryCode]) {
    if (part && !parts.includes(part)) parts.push(part);
  }
  return parts.length ? parts.join(', ') : null;
}
