import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconLayoutColumns } from '@tabler/icons-react';
import { SIGN_IN_COLUMNS, type SignInColumnId } from './sign-in-columns';

interface ColumnChooserProps {
  visible: readonly SignInColumnId[];
  onToggle: (id: SignInColumnId) => void;
  onReset: () => void;
}

/** Which columns the table shows; the choice is remembered in this browser. */
export function ColumnChooser({ visible, onToggle, onReset }: ColumnChooserProps) {
  return (
    <Popover position="bottom-end" shadow="md" withArrow trapFocus>
      <Popover.Target>
        <Button variant="default" size="sm" leftSection={<IconLayoutColumns size={16} aria-hidden />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" component="fieldset" style={{ border: 0, margin: 0, padding: 0 }}>
          <legend style={{ fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)', marginBottom: 4 }}>
            Columns shown
          </legend>
          {SIGN_IN_COLUMNS.map((column) => (
            <Checkbox
              key={column.id}
              label={column.label}
              checked={visible.includes(column.id)}
              disabled={column.required}
              onChange={() => onToggle(column.id)}
            />
          ))}
          <Button variant="subtle" size="xs" onClick={onReset} style={{ alignSelf: 'flex-start' }}>
            Show all
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
