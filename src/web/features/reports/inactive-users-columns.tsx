import type { InactiveUsersRow } from '../../../contract/reports';
import { viewerTimeZone } from '../../lib/format-date';
import { RoleBadge } from '../users/role-badge';
import { DateOnly } from './date-only';
import { DeactivateRowButton } from './deactivate-row-button';
import type { ReportColumn } from './report-column';
import { UserCell } from './user-cell';

const zone = viewerTimeZone();

export const inactiveUsersColumns: ReportColumn<InactiveUsersRow>[] = [
  {
    key: 'name',
    wrap: true,
    label: 'User',
    kind: 'text',
    value: (row) => row.name,
    render: (row) => <UserCell userId={row.userId} name={row.name} email={row.email} />,
  },
  {
    key: 'role',
    secondary: true,
    label: 'Role',
    kind: 'text',
    value: (row) => row.role,
    render: (row) => <RoleBadge role={row.role} />,
  },
  { key: 'inactiveDays', label: 'Inactive days', kind: 'number', value: (row) => row.inactiveDays },
  {
    key: 'lastSignInAt',
    secondary: true,
    label: `Last sign-in (${zone})`,
    kind: 'date',
    value: (row) => row.lastSignInAt,
  },
  { key: 'lastAppUseAt', secondary: true, label: 'Last app use', kind: 'date', value: (row) => row.lastAppUseAt },
  {
    key: 'createdAt',
    secondary: true,
    label: 'Added',
    kind: 'date',
    value: (row) => row.createdAt,
    render: (row) => <DateOnly iso={row.createdAt} />,
  },
  {
    key: 'actions',
    label: 'Actions',
    kind: 'text',
    value: () => null,
    sortable: false,
    hiddenLabel: true,
    render: (row) => <DeactivateRowButton user={{ id: row.userId, name: row.name }} />,
  },
];
