import { Box, Button, Collapse } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { type ReactNode, useId } from 'react';
import { useIsPhone } from './phone-layout';

/**
 * Filters that would fill a phone's first screen fold behind a "Filters" button there; on wider
 * screens they are simply shown. The button says whether they are open (aria-expanded) and which
 * part of the page it opens (aria-controls). What the filters are set to stays readable on the page
 * itself (a report names its period above its figures). `fold={false}` for filters that fit one line.
 */
export function PhoneFilters({ fold = true, children }: { fold?: boolean; children: ReactNode }) {
  const isPhone = useIsPhone();
  const [opened, { toggle }] = useDisclosure(false);
  const id = useId();
  if (!isPhone || !fold) return <>{children}</>;
  return (
    <Box>
      <Button
        variant="default"
        leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
        aria-expanded={opened}
        aria-controls={id}
        onClick={toggle}
      >
        Filters
      </Button>
      <Collapse expanded={opened} id={id}>
        <Box pt="sm">{children}</Box>
      </Collapse>
    </Box>
  );
}
