import { AddressDrawer } from '../activity/address-drawer';
import { SignInDetailView } from './sign-in-detail-view';
import { useOpenSignIn } from './use-open-sign-in';

/** Finds the row (or card) a sign-in was opened from, to give it focus back. */
function rowOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-sign-in-id="${CSS.escape(id)}"]`);
}

/**
 * The detail of the sign-in named in the address (`?signIn=ID`), over the page it was opened from: the Sign-ins
 * page or a user's Activity tab. Closing gives focus back to the row it was opened from.
 */
export function SignInDrawer() {
  const { id, open, close } = useOpenSignIn();
  return (
    <AddressDrawer id={id} close={close} title="Sign-in details" openerOf={rowOf}>
      {(shown) => <SignInDetailView id={shown} onOpenSignIn={open} />}
    </AddressDrawer>
  );
}
