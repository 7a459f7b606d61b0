import { Button } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import type { User } from '../../../contract/users';
import { userExportUrl } from './privacy.api';

/** Downloads everything the server holds about the user as one JSON file (recorded in the audit log). */
export function ExportDataButton({ user }: { user: Pick<User, 'id'> }) {
  return (
    <Button
      component="a"
      href={userExportUrl(user.id)}
      download
      variant="default"
      leftSection={<IconFileDownload size={16} aria-hidden />}
    >
      Export data
    </Button>
  );
}
