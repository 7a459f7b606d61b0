import { Drawer } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useCompactLayout } from './use-compact-layout';

interface AddressDrawerProps {
  /** The id in the address (useDrawerParam), or null when closed. */
  id: string | null;
  close: () => void;
  title: string;
  /** The element the item was opened from (a row or card), to give focus back to on closing. */
  openerOf: (id: string) => HTMLElement | null;
  children: (id: string) => ReactNode;
}

/**
 * A drawer over a list for the item named in the address: full width on phones, its content kept while it slides
 * out, and focus given back to the row it was first opened from. Mantine gives focus back to what had it when the
 * drawer opened; when that was not the row (a shared link, or another item opened from inside the drawer), the row
 * of the first one opened gets it. The sign-in and alert drawers are this.
 */
export function AddressDrawer({ id, close, title, openerOf, children }: AddressDrawerProps) {
  const phone = useCompactLayout();
  const shown = useRef<string | null>(null);
  const opener = useRef<string | null>(null);
  if (id) shown.current = id;

  useEffect(() => {
    if (id && !opener.current) opener.current = id;
    if (id || !opener.current) return;
    const row = openerOf(opener.current);
    opener.current = null;
    const timer = window.setTimeout(() => {
      if (row?.isConnected && !row.contains(document.activeElement)) row.focus();
    }, 250);
    return () => window.clearTimeout(timer);
  }, [id, openerOf]);

  return (
    <Drawer
      opened={id !== null}
      onClose={close}
      title={title}
      position="right"
      size={phone ? '100%' : 'xl'}
      padding="lg"
      closeButtonProps={{ 'aria-label': `Close ${title.toLowerCase()}` }}
    >
      {shown.current && children(shown.current)}
    </Drawer>
  );
}
