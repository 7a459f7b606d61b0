import { Navigate } from 'react-router';
import { homePathFor } from '../features/auth/home-path';
import { useSession } from '../features/auth/session-context';

export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={homePathFor(user.role)} replace />;
}
