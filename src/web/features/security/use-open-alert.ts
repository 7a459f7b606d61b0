import { useDrawerParam } from '../activity/use-drawer-param';

export const ALERT_PARAM = 'alert';

/** Which alert's drawer is open (`?alert=ID`); see useDrawerParam. */
export function useOpenAlert(): { id: string | null; open: (id: string) => void; close: () => void } {
  return useDrawerParam(ALERT_PARAM);
}
