import { ActionIcon, CopyButton, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { Invitation } from '../../../contract/users';
import { formatDateTimeWithZone, formatRelative } from '../../lib/format-date';

/** The server may answer a path or a full URL; people need something they can paste into an email. */
function absoluteUrl(url: string): string {
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
          <CopyButton value={url} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy link'} withArrow>
                <ActionIcon
                  variant="subtle"
                  color={copied ? 'teal' : 'gray'}
                  onClick={copy}
                  aria-label={copied ? 'Invitation link copied' : 'Copy invitation link'}
                >
                  {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        }
      />
      <Text size="sm" c="dimmed">
        Works once, until {formatDateTimeWithZone(invitation.expiresAt)} ({formatRelative(invitation.expiresAt)}).
      </Text>
    </Stack>
  );
}
