import { useCallback, useEffect, useRef, useState } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router';

/** What a form with unsaved edits hands to `<UnsavedChangesDialog>` and uses for its own exits. */
export interface UnsavedChanges {
  /** True while the "Discard unsaved changes?" dialog is showing. */
  asking: boolean;
  /** Closes the dialog and keeps the edits (and the page). */
  stay: () => void;
  /** Closes the dialog and carries on with what was held back: the navigation, or the action given to `confirmDiscard`. */
  discard: () => void;
  /**
   * For a way out that is not a navigation (closing a modal, a "Cancel" button): runs `action` at once
   * when nothing is unsaved, otherwise asks first and runs it only on "Discard".
   */
  confirmDiscard: (action: () => void) => void;
  /**
   * Lets the next navigation through without asking. For a form that navigates right after a successful
   * save, before its own "dirty" state has caught up.
   */
  allowNextNavigation: () => void;
}

/**
 * Guards a form's unsaved edits: in-app navigation to another page (a nav link, Back) is held until the
 * person confirms in `<UnsavedChangesDialog>`; closing or reloading the tab gets the browser's own prompt
 * (browsers show their own wording there and ignore ours). Use one per page: react-router supports a
 * single active blocker.
 */
export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowNextRef = useRef(false);
  const [pendingAction, setPendingAction] = useState<(() => void) | null>(null);

  // Read through refs so the answer is right at the moment of navigation, not as of the last render.
  // Only a move to another page (or other search) is held: a hash change does not unmount the form.
  const shouldBlock = useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => {
    if (allowNextRef.current) {
      allowNextRef.current = false;
      return false;
    }
    const leaving =
      currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search;
    return dirtyRef.current && leaving;
  }, []);
  const blocker = useBlocker(shouldBlock);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium and Safari still need returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Edits saved or undone while the dialog is up (say, by a save finishing): nothing is left to lose.
  useEffect(() => {
    if (!dirty && blocker.state === 'blocked') blocker.proceed();
  }, [dirty, blocker]);

  const stay = useCallback(() => {
    if (blocker.state === 'blocked') blocker.reset();
    setPendingAction(null);
  }, [blocker]);

  const discard = useCallback(() => {
    if (blocker.state === 'blocked') blocker.proceed();
    if (pendingAction) {
      setPendingAction(null);
      pendingAction();
    }
  }, [blocker, pendingAction]);

  const confirmDiscard = useCallback((action: () => void) => {
    if (dirtyRef.current) setPendingAction(() => action);
    else action();
  }, []);

  const allowNextNavigation = useCallback(() => {
    allowNextRef.current = true;
  }, []);

  return {
    asking: blocker.state === 'blocked' || pendingAction !== null,
    stay,
    discard,
    confirmDiscard,
    allowNextNavigation,
  };
}
