import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { liveSearchParams } from '../activity/live-search-params';
import { readSignInFilters, writeSignInFilters } from './sign-in-filters';
import type { SignInFilters } from './sign-ins.types';

/**
 * The Sign-ins page's filters live in the URL: a reload, a bookmark or a shared link shows the same view.
 * A change names only the filters it changes and is merged into the address as it is now (liveSearchParams): a
 * field's copy of the filters can lag one change behind, and writing that whole copy back would undo the other
 * field's change (pick a user, then type an address at once).
 */
export function useSignInFilters(): [SignInFilters, (patch: Partial<SignInFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readSignInFilters(params), [params]);
  const update = useCallback(
    (patch: Partial<SignInFilters>) =>
      setParams(
        () => {
          const current = liveSearchParams();
          return writeSignInFilters(current, { ...readSignInFilters(current), ...patch });
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, update];
}
