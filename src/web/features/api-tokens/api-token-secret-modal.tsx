import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { CreatedApiToken } from '../../../contract/api-tokens';

/** The new token's secret, shown this once (the server keeps only its hash), with a button to copy it. */
export function ApiTokenSecretModal({ created, onClose }: { created: CreatedApiToken | null; onClose: () => void }) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Copy your new API token now" centered>
      <Stack gap="md">
        <Text size="sm">
          Send it as <Code>Authorization: Bearer &lt;token&gt;</Code> to the API. It acts as you, with the{' '}
          <strong>{created?.apiToken.scope === 'read' ? 'read-only' : 'full'}</strong> scope.
        </Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="new-api-token">
          {created?.token}
        </Code>
        <Alert color="yellow" title="Shown only now">
          Seatkeeper keeps no readable copy. Store it in a secret manager; if you lose it, revoke it and create another.
        </Alert>
        <Group justify="space-between">
          <CopyButton value={created?.token ?? ''}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose} data-autofocus>
            Done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
