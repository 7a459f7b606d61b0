import type { UserListItem } from '../../../contract/users';

/** What the Users list gives each bulk action's dialog. */
export interface BulkModalProps {
  /** The selected users. */
  users: UserListItem[];
  /** Cancelled: the selection stays. */
  onClose: () => void;
  /** Done: the list clears the selection. */
  onDone: () => void;
}
