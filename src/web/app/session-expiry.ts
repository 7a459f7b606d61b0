import type { QueryClient } from '@tanstack/react-query';
import { setCsrfToken, setUnauthorizedHandler } from '../lib/api';

interface Navigator {
  navigate: (to: string, options?: { replace?: boolean }) => unknown;
  state: { location: { pathname: string; search: string } };
}

/** On a 401 the session is over (signed out elsewhere, expired, deactivated): forget it and go to /login. */
export function installSessionExpiryHandler(queryClient: QueryClient, router: Navigator): void {
  setUnauthorizedHandler(() => {
    setCsrfToken(null);
    const { pathname, search } = router.state.location;
    if (pathname === '/login' || pathname.startsWith('/invite/')) return;
    queryClient.clear();
    void router.navigate(`/login?next=${encodeURIComponent(`${pathname}${search}`)}`, { replace: true });
  });
}
