import { Drawer } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useCompactLayout } from '../activity/use-compact-layout';
import { AlertDetailView } from './alert-detail-view';
import { useOpenAlert } from './use-open-alert';

/** Finds the row (or card button) an alert was opened from, to give it focus back. */
function openerOf(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(id)}"]`);
}

/** The alert named in the address (`?alert=ID`), over the inbox; closing gives focus back to its row. */
export function AlertDrawer() {
  const { id, close } = useOpenAlert();
  const phone = useCompactLayout();
  // Keeps the content while the drawer slides out, after the address has lost the id.
  const shown = useRef<string | null>(null);
  const opener = useRef<string | null>(null);
  if (id) shown.current = id;

  useEffect(() => {
    if (id && !opener.current) opener.current = id;
    if (id || !opener.current) return;
    // Mantine gives focus back to what had it on opening; a shared link had no row focused, so the row gets it here.
    const row = openerOf(opener.current);
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
      title="Alert details"
      position="right"
      size={phone ? '100%' : 'xl'}
      padding="lg"
      closeButtonProps={{ 'aria-label': 'Close alert details' }}
    >
      {shown.current && <AlertDetailView id={shown.current} />}
    </Drawer>
  );
}
