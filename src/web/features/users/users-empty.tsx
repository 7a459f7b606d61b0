import { Button, EmptyState } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';

interface UsersEmptyProps {
  filtered: boolean;
  onClearFilters: () => void;
  onAddUser: () => void;
}

export function UsersEmpty({ filtered, onClearFilters, onAddUser }: UsersEmptyProps) {
  return (
    <EmptyState
      icon={<IconUsers aria-hidden />}
      title={filtered ? 'No users match' : 'No users yet'}
      description={filtered ? 'Try another search or fewer filters.' : 'Add the people who hold your seats.'}
      py="xl"
    >
      {filtered ? (
        <Button variant="light" onClick={onClearFilters}>
          Clear filters
        </Button>
      ) : (
        <Button onClick={onAddUser}>Add user</Button>
      )}
    </EmptyState>
  );
}
