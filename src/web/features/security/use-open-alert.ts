import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { liveSearchParams } from '../activity/live-search-params';

export const ALERT_PARAM = 'alert';

interface OpenedHere {
  alertOpenedHere?: boolean;
}

/**
 * Which alert's drawer is open, kept in the address (`?alert=ID`) so it can be shared and survives a reload.
 * Opening adds a history entry (Back closes the drawer); closing one that came with the address drops the parameter.
 */
export function useOpenAlert(): { id: string | null; open: (id: string) => void; close: () => void } {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const raw = params.get(ALERT_PARAM);
  const id = raw && raw.length <= 64 ? raw : null;

  const open = useCallback(
    (next: string) =>
      setParams(
        () => {
          const url = liveSearchParams();
          url.set(ALERT_PARAM, next);
          return url;
        },
        {
          replace: Boolean(id),
          state: { ...(location.state as object | null), alertOpenedHere: true },
          preventScrollReset: true,
        },
      ),
    [setParams, location.state, id],
  );

  const close = useCallback(() => {
    if ((location.state as OpenedHere | null)?.alertOpenedHere) {
      navigate(-1);
      return;
    }
    setParams(
      () => {
        const url = liveSearchParams();
        url.delete(ALERT_PARAM);
        return url;
      },
      { replace: true, state: location.state, preventScrollReset: true },
    );
  }, [location.state, navigate, setParams]);

  return { id, open, close };
}
