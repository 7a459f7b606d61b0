import { Button, Group, Modal, Text } from '@mantine/core';
import type { UnsavedChanges } from './use-unsaved-changes';

/**
 * The question `useUnsavedChanges` asks. "Stay" takes the focus first so that Enter or Escape never
 * throws edits away by accident; it sits above other modals (a form inside a modal may ask too).
 */
export function UnsavedChangesDialog({ unsaved }: { unsaved: UnsavedChanges }) {
  return (
    <Modal
      opened={unsaved.asking}
      onClose={unsaved.stay}
      title="Discard unsaved changes?"
      zIndex={400}
      centered
      size="sm"
    >
      <Text size="sm" mb="lg">
        Your changes on this page have not been saved. If you leave now, they are lost.
      </Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={unsaved.stay} data-autofocus>
          Stay
        </Button>
        <Button color="red" onClick={unsaved.discard}>
          Discard
        </Button>
      </Group>
    </Modal>
  );
}
