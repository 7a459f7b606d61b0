import { useLocalStorage } from '@mantine/hooks';
import { useCallback, useMemo } from 'react';
import {
  DEFAULT_SIGN_IN_COLUMNS,
  parseColumnChoice,
  SIGN_IN_COLUMNS_STORAGE_KEY,
  type SignInColumnId,
  toggleColumn,
} from './sign-in-columns';

/** Which columns the Sign-ins table shows, remembered in this browser (localStorage). */
export function useColumnChoice(): {
  visible: SignInColumnId[];
  toggle: (id: SignInColumnId) => void;
  reset: () => void;
} {
  const [stored, setStored] = useLocalStorage<string>({
    key: SIGN_IN_COLUMNS_STORAGE_KEY,
    defaultValue: JSON.stringify(DEFAULT_SIGN_IN_COLUMNS),
    // The raw string: parseColumnChoice judges it, so a hand-edited or stale value cannot break the page.
    serialize: (value) => value,
    deserialize: (value) => value ?? JSON.stringify(DEFAULT_SIGN_IN_COLUMNS),
    getInitialValueInEffect: false,
  });
  const visible = useMemo(() => parseColumnChoice(stored), [stored]);
  const toggle = useCallback(
    (id: SignInColumnId) => setStored((current) => JSON.stringify(toggleColumn(parseColumnChoice(current), id))),
    [setStored],
  );
  const reset = useCallback(() => setStored(JSON.stringify(DEFAULT_SIGN_IN_COLUMNS)), [setStored]);
  return { visible, toggle, reset };
}
