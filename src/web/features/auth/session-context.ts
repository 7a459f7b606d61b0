import { createContext, useContext } from 'react';
import type { MeResponse } from '../../../contract/auth';

export const SessionContext = createContext<MeResponse | null>(null);

/** The signed-in user and organization; only for components rendered inside RequireSession. */
export function useSession(): MeResponse {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside RequireSession');
  return session;
}
