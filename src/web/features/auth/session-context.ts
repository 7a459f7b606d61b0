import { createContext, useContext } from 'react';
import type { Me } from './auth.types';

export const SessionContext = createContext<Me | null>(null);

/** The signed-in user and organization; only for components rendered inside RequireSession. */
export function useSession(): Me {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside RequireSession');
  return session;
}
