import { useDrawerParam } from '../activity/use-drawer-param';

export const SIGN_IN_PARAM = 'signIn';

/** Which sign-in's drawer is open (`?signIn=ID`); see useDrawerParam. */
export function useOpenSignIn(): { id: string | null; open: (id: string) => void; close: () => void } {
  return useDrawerParam(SIGN_IN_PARAM);
}
