import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ActivityOutcome, ActivityType, DeviceType } from '../../../contract/activity';
import { pickAllowed } from '../../lib/search-params';
import type { ActivityFilters } from './activity.types';
import { deviceTypeLabels } from './device-label';
import { liveSearchParams } from './live-search-params';

const outcomes: readonly ActivityOutcome[] = ['success', 'failure'];
const types: readonly ActivityType[] = ['login', 'app_session'];
const deviceTypes = Object.keys(deviceTypeLabels) as DeviceType[];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filters an address holds; a value the page does not know is ignored rather than sent to the API. */
function readActivityFilters(params: URLSearchParams): ActivityFilters {
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : null;
  };
  const country = params.get('country');
  return {
    range: [day('from'), day('to')],
    outcome: pickAllowed(params.get('outcome'), outcomes),
    deviceType: pickAllowed(params.get('deviceType'), deviceTypes),
    country: country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null,
    type: pickAllowed(params.get('type'), types),
    app: params.get('app') || null,
  };
}

/**
 * The Activity tab's filters live in the URL (`?from=2026-11-01&to=2026-11-30&outcome=failure`), so a
 * filtered view survives a reload and can be bookmarked or sent to a colleague. A change names only the filters
 * it changes and is merged into the address as it is then (liveSearchParams): a field's copy of the filters can
 * lag one change behind, and writing it back whole would undo the other change. Other parameters are kept.
 */
export function useActivityFilters(): [ActivityFilters, (patch: Partial<ActivityFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readActivityFilters(params), [params]);

  const update = useCallback(
    (patch: Partial<ActivityFilters>) => {
      setParams(
        () => {
          const url = liveSearchParams();
          const next = { ...readActivityFilters(url), ...patch };
          const values: Record<string, string | null> = {
            from: next.range[0],
            to: next.range[1],
            outcome: next.outcome,
            deviceType: next.deviceType,
            country: next.country,
            type: next.type,
            app: next.app,
          };
          for (const [key, value] of Object.entries(values)) {
            if (value) url.set(key, value);
            else url.delete(key);
          }
          return url;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [filters, update];
}
