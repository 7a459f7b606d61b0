import { useEffect, useState } from 'react';
import type { ActivityItem } from '../../../contract/activity';
import { countryName } from './country-names';

/**
 * Countries (code → name) met in any page loaded so far. It only grows, so filtering to one country does not
 * shrink the list the filter offers.
 */
export function useSeenCountries(items: readonly Pick<ActivityItem, 'location'>[]): Map<string, string> {
  const [seen, setSeen] = useState<Map<string, string>>(() => new Map());

  useEffect(() => {
    const found = new Map<string, string>();
    for (const item of items) {
      const code = item.location?.countryCode?.toUpperCase();
      if (code && !seen.has(code) && !found.has(code)) found.set(code, item.location?.country ?? countryName(code));
    }
    if (found.size) setSeen((previous) => new Map([...previous, ...found]));
  }, [items, seen]);

  return seen;
}
