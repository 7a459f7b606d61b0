import { useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { liveSearchParams } from '../activity/live-search-params';

export const SIGN_IN_PARAM = 'signIn';

interface OpenedHere {
  signInOpenedHere?: boolean;
}

/**
 * Which sign-in's drawer is open, kept in the address (`?signIn=ID`) so the view can be shared and a reload keeps
 * it. Opening adds a history entry, so the browser's Back closes the drawer; closing one opened here goes back to
 * that entry, and closing one that came with the address (a shared link) only drops the parameter.
 */
export function useOpenSignIn(): { id: string | null; open: (id: string) => void; close: () => void } {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const raw = params.get(SIGN_IN_PARAM);
  const id = raw && raw.length <= 64 ? raw : null;

  const open = useCallback(
    (next: string) =>
      setParams(
        () => {
          const url = liveSearchParams();
          url.set(SIGN_IN_PARAM, next);
          return url;
        },
        {
          // Another sign-in opened from the drawer (the previous one) replaces this one: Back leaves the drawer.
          replace: Boolean(id),
          state: { ...(location.state as object | null), signInOpenedHere: true },
          preventScrollReset: true,
        },
      ),
    [setParams, location.state, id],
  );

  const close = useCallback(() => {
    if ((location.state as OpenedHere | null)?.signInOpenedHere) {
      navigate(-1);
      return;
    }
    setParams(
      () => {
        const url = liveSearchParams();
        url.delete(SIGN_IN_PARAM);
        return url;
      },
      { replace: true, state: location.state, preventScrollReset: true },
    );
  }, [location.state, navigate, setParams]);

  return { id, open, close };
}
