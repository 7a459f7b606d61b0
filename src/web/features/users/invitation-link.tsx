import { Stack, Text, TextInput } from '@mantine/core';
import type { Invitation } from '../../../contract/users';
import { formatDateTimeWithZone, formatRelative } from '../../lib/format-date';
import { CopyLinkButton } from './copy-link-button';

/** The server may answer a path or a full URL; people need something they can paste into an email. */
export function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}

export function InvitationLink({ invitation }: { invitation: Invitation }) {
  const url = absoluteUrl(invitation.url);
  return (
    <Stack gap={6}>
      <TextInput
        label="Invitation link"
        value={url}
        readOnly
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
        rightSection={
          <CopyLinkButton url={url} copyLabel="Copy invitation link" copiedLabel="Invitation link copied" />
        }
      />
      <Text size="sm" c="dimmed">
        Works once, until {formatDateTimeWithZone(invitation.expiresAt)} ({formatRelative(invitation.expiresAt)}).
      </Text>
    </Stack>
  );
}
