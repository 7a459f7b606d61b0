import { AddressDrawer } from '../activity/address-drawer';
import { AlertDetailView } from './alert-detail-view';
import { useOpenAlert } from './use-open-alert';

/** Finds the row (or card button) an alert was opened from, to give it focus back. */
function openerOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(id)}"]`);
}

/** The alert named in the address (`?alert=ID`), over the inbox; closing gives focus back to its row. */
export function AlertDrawer() {
  const { id, close } = useOpenAlert();
  return (
    <AddressDrawer id={id} close={close} title="Alert details" openerOf={openerOf}>
      {(shown) => <AlertDetailView id={shown} />}
    </AddressDrawer>
  );
}
