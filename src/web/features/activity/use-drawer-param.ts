import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { liveSearchParams } from './live-search-params';

/**
 * Which item's drawer is open, kept in the address (`?<param>=ID`) so the view can be shared and a reload keeps
 * it. Opening adds a history entry, so the browser's Back closes the drawer; closing one opened here goes back to
 * that entry, and closing one that came with the address (a shared link) only drops the parameter. The sign-in
 * drawer (`?signIn=`) and the alert drawer (`?alert=`) both work this way.
 */
export function useDrawerParam(param: string): { id: string | null; open: (id: string) => void; close: () => void } {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const openedHereKey = `${param}OpenedHere`;
  const raw = params.get(param);
  const id = raw && raw.length <= 64 ? raw : null;

  const open = useCallback(
    (next: string) =>
      setParams(
        () => {
          const url = liveSearchParams();
          url.set(param, next);
          return url;
        },
        {
          // Another item opened from the drawer (e.g. the previous sign-in) replaces this one: Back leaves the drawer.
          replace: Boolean(id),
          state: { ...(location.state as object | null), [openedHereKey]: true },
          preventScrollReset: true,
        },
      ),
    [setParams, location.state, id, param, openedHereKey],
  );

  const close = useCallback(() => {
    if ((location.state as Record<string, unknown> | null)?.[openedHereKey]) {
      navigate(-1);
      return;
    }
    setParams(
      () => {
        const url = liveSearchParams();
        url.delete(param);
        return url;
      },
      { replace: true, state: location.state, preventScrollReset: true },
    );
  }, [location.state, navigate, setParams, param, openedHereKey]);

  return { id, open, close };
}
