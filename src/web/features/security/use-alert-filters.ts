import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { liveSearchParams } from '../activity/live-search-params';
import { type AlertFilters, readAlertFilters, writeAlertFilters } from './alert-filters';

/** The inbox's filters live in the address, merged into it as it is now (see useSignInFilters for why). */
export function useAlertFilters(): [AlertFilters, (patch: Partial<AlertFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readAlertFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<AlertFilters>) =>
      setParams(
        () => {
          const current = liveSearchParams();
          return writeAlertFilters(current, { ...readAlertFilters(current), ...patch });
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update];
}
