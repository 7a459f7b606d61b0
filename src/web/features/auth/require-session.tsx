import { Navigate, Outlet, useLocation } from 'react-router';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { isApiError } from '../../lib/problem-message';
import { SessionContext } from './session-context';
import { useMe } from './use-me';

/** Layout route: renders its children only with a signed-in session, else sends the visitor to /login. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <PageLoader label="Loading your session" />;
  if (me.isError) {
    if (isApiError(me.error, 401)) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return <PageError error={me.error} onRetry={() => me.refetch()} />;
  }
  // The grace is over and no factor is set up: the session may only enrol one (the server refuses the rest).
  if (me.data.secondFactor.enrolmentOnly && location.pathname !== '/account') {
    return <Navigate to="/account#two-step" replace />;
  }
  return (
    <SessionContext.Provider value={me.data}>
      <Outlet />
    </SessionContext.Provider>
  );
}
