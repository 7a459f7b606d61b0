import { Drawer } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useCompactLayout } from '../activity/use-compact-layout';
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
  const phone = useCompactLayout();
  // Keeps the content while the drawer slides out, after the address has lost the id.
  const shown = useRef<string | null>(null);
  const opener = useRef<string | null>(null);
  if (id) shown.current = id;

  useEffect(() => {
    if (id && !opener.current) opener.current = id;
    if (id || !opener.current) return;
    // Mantine gives focus back to what had it when the drawer opened; when that was not the row (a shared link,
    // or another sign-in opened from inside the drawer), the row of the first one opened gets it.
    const row = rowOf(opener.current);
    opener.current = null;
    const timer = window.setTimeout(() => {
      if (row?.isConnected && !row.contains(document.activeElement)) row.focus();
    }, 250);
    return () => window.clearTimeout(timer);
  }, [id]);

  return (
    <Drawer
      opened={id !== null}
      onClose={close}
      title="Sign-in details"
      position="right"
      size={phone ? '100%' : 'xl'}
      padding="lg"
      closeButtonProps={{ 'aria-label': 'Close sign-in details' }}
    >
      {shown.current && <SignInDetailView id={shown.current} onOpenSignIn={open} />}
    </Drawer>
  );
}
