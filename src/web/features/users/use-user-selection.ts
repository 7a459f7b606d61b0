import { useCallback, useMemo, useState } from 'react';
import type { UserListItem } from '../../../contract/users';

export interface UserSelection {
  /** The selected users, in the order they were picked. */
  users: UserListItem[];
  ids: string[];
  has: (id: string) => boolean;
  toggle: (user: UserListItem) => void;
  /** Selects every user shown, or unselects them all when every one is selected already. */
  toggleAll: (shown: readonly UserListItem[]) => void;
  clear: () => void;
  /**
   * Keeps only the selected users still shown, with their latest data (after a filter or an action changed who
   * matches, or what they hold).
   */
  retain: (shown: readonly UserListItem[]) => void;
}

/** Which users of the list are selected for a bulk action (held by id, so "Load more" keeps them). */
export function useUserSelection(): UserSelection {
  const [selected, setSelected] = useState<Map<string, UserListItem>>(() => new Map());

  const toggle = useCallback((user: UserListItem) => {
    setSelected((current) => {
      const next = new Map(current);
      if (next.has(user.id)) next.delete(user.id);
      else next.set(user.id, user);
      return next;
    });
  }, []);

  const toggleAll = useCallback((shown: readonly UserListItem[]) => {
    setSelected((current) => {
      const next = new Map(current);
      if (shown.every((user) => next.has(user.id))) for (const user of shown) next.delete(user.id);
      else for (const user of shown) next.set(user.id, user);
      return next;
    });
  }, []);

  const clear = useCallback(() => setSelected(new Map()), []);
  const retain = useCallback((shown: readonly UserListItem[]) => {
    setSelected((current) => {
      if (current.size === 0) return current;
      const next = new Map<string, UserListItem>();
      for (const user of shown) if (current.has(user.id)) next.set(user.id, user);
      const same = next.size === current.size && [...next].every(([id, user]) => current.get(id) === user);
      return same ? current : next;
    });
  }, []);

  return useMemo(() => {
    const users = [...selected.values()];
    return {
      users,
      ids: users.map((user) => user.id),
      has: (id: string) => selected.has(id),
      toggle,
      toggleAll,
      clear,
      retain,
    };
  }, [selected, toggle, toggleAll, clear, retain]);
}
