import { Group, Paper, Stack } from '@mantine/core';
import type { SignIn } from '../../../contract/sign-ins';
import { SignInDetailsButton } from '../activity/sign-in-details-button';
import { signInCell } from './sign-in-cells';
import type { SignInColumnId } from './sign-in-columns';

interface SignInCardProps {
  signIn: SignIn;
  appNames: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
}

const BODY: readonly SignInColumnId[] = ['user', 'app', 'device', 'ip', 'location'];

/** A sign-in on a phone: the table's cells stacked, so nothing needs sideways scrolling; "Details" opens the drawer. */
export function SignInCard({ signIn, appNames, onOpen }: SignInCardProps) {
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          {signInCell('time', signIn, appNames)}
          {signInCell('outcome', signIn, appNames)}
        </Group>
        {BODY.map((column) => (
          <div key={column} style={{ minWidth: 0 }}>
            {signInCell(column, signIn, appNames)}
          </div>
        ))}
        {signIn.risk.length > 0 && signInCell('risk', signIn, appNames)}
        <SignInDetailsButton signInId={signIn.id} occurredAt={signIn.occurredAt} onOpen={onOpen} />
      </Stack>
    </Paper>
  );
}
