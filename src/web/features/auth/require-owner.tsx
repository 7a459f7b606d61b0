import { Outlet } from 'react-router';
import { NotFoundPage } from '../../app/not-found-page';
import { useSession } from './session-context';

/** Layout route for owner-only pages; members get the same "not found" the server would answer. */
export function RequireOwner() {
  const { user } = useSession();
  return user.role === 'owner' ? <Outlet /> : <NotFoundPage />;
}
