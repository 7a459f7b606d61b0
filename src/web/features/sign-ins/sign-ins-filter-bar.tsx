import { Badge, Button, Group, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { FoldedFilters } from '../activity/folded-filters';
import { countActiveFilters } from './sign-in-filters';
import { emptySignInFilters } from './sign-ins.types';
import { SignInsFilterFields, type SignInsFilterFieldsProps } from './sign-ins-filter-fields';

interface SignInsFilterBarProps extends Omit<SignInsFilterFieldsProps, 'fullWidth'> {
  /** Phones: the filters fold behind a "Filters" button, stacked full width. */
  compact: boolean;
}

export function SignInsFilterBar({ compact, ...fields }: SignInsFilterBarProps) {
  const [opened, panel] = useDisclosure(Boolean(fields.ipError));
  const active = countActiveFilters(fields.value);
  const clear = active > 0 && (
    <Button
      variant="subtle"
      leftSection={<IconFilterOff size={16} aria-hidden />}
      onClick={() => fields.onChange(emptySignInFilters)}
    >
      Clear filters
    </Button>
  );

  if (!compact) {
    return (
      <Group align="flex-start" gap="sm" role="search" aria-label="Filter sign-ins">
        <SignInsFilterFields {...fields} />
        {clear && <div style={{ alignSelf: 'flex-end' }}>{clear}</div>}
      </Group>
    );
  }

  return (
    <FoldedFilters
      label="Filter sign-ins"
      opened={opened}
      onToggle={panel.toggle}
      toggleLabel={
        <>
          Filters
          {active > 0 && <VisuallyHidden>{` (${active} set)`}</VisuallyHidden>}
        </>
      }
      toggleRightSection={
        active > 0 ? (
          <Badge size="sm" circle aria-hidden>
            {active}
          </Badge>
        ) : null
      }
      aside={clear}
    >
      <SignInsFilterFields {...fields} fullWidth />
    </FoldedFilters>
  );
}
