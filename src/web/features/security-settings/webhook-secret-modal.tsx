import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

interface WebhookSecretModalProps {
  /** The signing secret to show once; null hides the modal. */
  secret: string | null;
  url: string;
  onClose: () => void;
}

/** The signing secret, shown this once (the server never shows it again), with a button to copy it. */
export function WebhookSecretModal({ secret, url, onClose }: WebhookSecretModalProps) {
  return (
    <Modal opened={secret !== null} onClose={onClose} title="Copy the signing secret now" centered>
      <Stack gap="md">
        <Text size="sm">
          Your receiver at <strong style={{ overflowWrap: 'anywhere' }}>{url}</strong> checks each request’s{' '}
          <Code>webhook-signature</Code> with this secret (Standard Webhooks).
        </Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} aria-label="Signing secret">
          {secret}
        </Code>
        <Alert color="yellow" title="Shown only now">
          Seatkeeper keeps no readable copy. If you lose it, rotate the secret to get a new one.
        </Alert>
        <Group justify="space-between">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                onClick={copy}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {copied ? 'Copied' : 'Copy secret'}
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
