import { Button, Group, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import type { ActivityType } from '../../../contract/activity';
import { ProductSelect } from '../products/product-select';
import type { ActivityFilters } from './activity.types';
import { emptyActivityFilters } from './activity.types';
import { ActivityDateRange } from './activity-date-range';
import { hasActiveFilters } from './activity-query';
import { CountrySelect } from './country-select';
import { DeviceTypeSelect } from './device-type-select';
import { FoldedFilters } from './folded-filters';
import { OutcomeSelect } from './outcome-select';

const ALL_TYPES = 'all';

const typeOptions: { value: ActivityType | typeof ALL_TYPES; label: string }[] = [
  { value: ALL_TYPES, label: 'All' },
  { value: 'login', label: 'Sign-ins' },
  { value: 'app_session', label: 'App sessions' },
];

interface ActivityFilterBarProps {
  value: ActivityFilters;
  /** Only the filters that change: merged into the address as it is then. */
  onChange: (patch: Partial<ActivityFilters>) => void;
  seenCountries: Map<string, string>;
  /** Phones: the filters fold behind a "Filters" button, stacked full width. */
  compact?: boolean;
}

export function ActivityFilterBar({ compact = false, ...props }: ActivityFilterBarProps) {
  const [opened, panel] = useDisclosure(false);
  if (!compact) {
    return (
      <Group align="flex-end" gap="sm" role="search" aria-label="Filter activity">
        <ActivityFilterFields {...props} />
      </Group>
    );
  }
  const active = hasActiveFilters(props.value);
  return (
    <FoldedFilters
      label="Filter activity"
      opened={opened}
      onToggle={panel.toggle}
      toggleLabel={`Filters${active ? ' (on)' : ''}`}
    >
      <ActivityFilterFields {...props} fullWidth />
    </FoldedFilters>
  );
}

function ActivityFilterFields({
  value,
  onChange,
  seenCountries,
  fullWidth = false,
}: Omit<ActivityFilterBarProps, 'compact'> & { fullWidth?: boolean }) {
  const width = (desktop: number) => (fullWidth ? '100%' : desktop);
  return (
    <>
      <ActivityDateRange value={value.range} onChange={(range) => onChange({ range })} w={width(250)} />
      <Select
        label="Type"
        data={typeOptions}
        value={value.type ?? ALL_TYPES}
        onChange={(type) => onChange({ type: type === ALL_TYPES || !type ? null : (type as ActivityType) })}
        allowDeselect={false}
        w={width(130)}
      />
      <OutcomeSelect value={value.outcome} onChange={(outcome) => onChange({ outcome })} w={width(140)} />
      <DeviceTypeSelect value={value.deviceType} onChange={(deviceType) => onChange({ deviceType })} w={width(150)} />
      <CountrySelect
        value={value.country}
        onChange={(country) => onChange({ country })}
        seen={seenCountries}
        w={width(200)}
      />
      <ProductSelect
        label="App"
        placeholder="Any app"
        value={value.app}
        onChange={(app) => onChange({ app })}
        w={fullWidth ? undefined : 160}
      />
      {hasActiveFilters(value) && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange(emptyActivityFilters)}
        >
          Clear filters
        </Button>
      )}
    </>
  );
}
