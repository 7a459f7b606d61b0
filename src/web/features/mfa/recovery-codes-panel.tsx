import { Alert, Button, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';

/** The codes as a text file: one a line, with what they are for. */
function codesFile(codes: string[], email: string): string {
  return [
    `Seatkeeper recovery codes for ${email}`,
    'Each code signs you in once when you cannot use your authenticator app or passkey.',
    '',
    ...codes,
    '',
  ].join('\n');
}

function download(codes: string[], email: string) {
  const url = URL.createObjectURL(new Blob([codesFile(codes, email)], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'seatkeeper-recovery-codes.txt';
  link.click();
  URL.revokeObjectURL(url);
}

/** New recovery codes, shown once: copy or download them now. */
export function RecoveryCodesPanel({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  return (
    <Alert color="teal" variant="light" title="Your recovery codes" role="region" aria-label="Your recovery codes">
      <Stack gap="sm">
        <Text size="sm">
          Keep these codes somewhere safe, such as a password manager. Each one signs you in once if you lose your phone
          or passkey. They are shown only now.
        </Text>
        <List
          spacing={2}
          listStyleType="none"
          ff="monospace"
          aria-label="Recovery codes"
          styles={{ root: { columns: 2, columnGap: 'var(--mantine-spacing-xl)' } }}
        >
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Group gap="sm">
          <CopyButton value={codes.join('\n')} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="default"
            onClick={() => download(codes, email)}
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            Download (.txt)
          </Button>
          <Button onClick={onDone}>I have saved them</Button>
        </Group>
      </Stack>
    </Alert>
  );
}
