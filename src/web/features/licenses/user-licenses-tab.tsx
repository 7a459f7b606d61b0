import { Alert, EmptyState, Paper, Skeleton, Stack } from '@mantine/core';
import { IconArmchair, IconUserOff } from '@tabler/icons-react';
import type { User } from '../../../contract/users';
import { PageError } from '../../lib/page-error';
import { AssignSubscriptionForm } from './assign-subscription-form';
import { useUserLicenses } from './use-user-licenses';
import { UserLicensesTable } from './user-licenses-table';

/** The seats a user holds, with assign and unassign; a deactivated user can only lose seats. */
export function UserLicensesTab({ user }: { user: User }) {
  const licenses = useUserLicenses(user.id);
  const deactivated = user.status === 'deactivated';

  return (
    <Stack gap="md">
      {deactivated ? (
        <Alert color="gray" icon={<IconUserOff aria-hidden />} title="Deactivated users cannot receive seats" maw={720}>
          Reactivate {user.name} first to assign a seat.
          {licenses.data?.length ? ' The seats below are held but cannot be used; unassign them to free them.' : ''}
        </Alert>
      ) : (
        <Paper withBorder p="md">
          <AssignSubscriptionForm user={user} held={licenses.data ?? []} />
        </Paper>
      )}
      {licenses.isPending ? (
        <Skeleton height={120} />
      ) : licenses.isError ? (
        <PageError error={licenses.error} title="Could not load licenses" onRetry={() => licenses.refetch()} />
      ) : licenses.data.length === 0 ? (
        <EmptyState
          icon={<IconArmchair aria-hidden />}
          title={`${user.name} holds no seat`}
          description={
            deactivated
              ? 'They cannot sign in anywhere while deactivated.'
              : 'Without a seat they can sign in to the console but not to your apps.'
          }
          py="lg"
        />
      ) : (
        <UserLicensesTable licenses={licenses.data} user={user} />
      )}
    </Stack>
  );
}
