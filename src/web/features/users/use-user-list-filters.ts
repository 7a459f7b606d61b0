import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Role } from '../../../contract/auth';
import { pickAllowed } from '../../lib/search-params';
import { parseLastActive } from './last-active';
import type { SortOrder, UserListFilters, UserSort, UserStatusFilter } from './users.types';

const roles: readonly Role[] = ['owner', 'member'];
const statuses: readonly UserStatusFilter[] = ['active', 'deactivated', 'invited'];
const sorts: readonly UserSort[] = ['lastLoginAt', 'name', 'email', 'createdAt'];

export const defaultUserSort: { sort: UserSort; order: SortOrder } = { sort: 'lastLoginAt', order: 'desc' };

/** The users list's filters live in the URL, so a reload or the back button keeps them. */
export function useUserListFilters(): [UserListFilters, (patch: Partial<UserListFilters>) => void] {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<UserListFilters>(
    () => ({
      query: params.get('query') ?? '',
      role: pickAllowed(params.get('role'), roles),
      status: pickAllowed(params.get('status'), statuses),
      product: params.get('product') || null,
      lastActive: parseLastActive(params.get('lastActive')),
      sort: pickAllowed(params.get('sort'), sorts) ?? defaultUserSort.sort,
      order: pickAllowed(params.get('order'), ['asc', 'desc'] as const) ?? defaultUserSort.order,
    }),
    [params],
  );

  const update = useCallback(
    (patch: Partial<UserListFilters>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (next.get('sort') === defaultUserSort.sort && next.get('order') === defaultUserSort.order) {
            next.delete('sort');
            next.delete('order');
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return [filters, update];
}
