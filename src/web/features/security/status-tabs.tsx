import { SegmentedControl } from '@mantine/core';
import type { AlertStatus } from '../../../contract/security';
import { STATUS_TABS, type StatusTab } from './alert-filters';
import { STATUS_LABELS } from './alert-labels';

interface StatusTabsProps {
  value: StatusTab;
  onChange: (status: StatusTab) => void;
  /** Alerts per status under the other filters; null while loading. */
  counts: Record<AlertStatus, number> | null;
  compact: boolean;
}

/** Open, acknowledged, resolved or all, each with how many; stacked on phones so nothing scrolls sideways. */
export function StatusTabs({ value, onChange, counts, compact }: StatusTabsProps) {
  const total = counts ? counts.open + counts.acknowledged + counts.resolved : null;
  const data = STATUS_TABS.map((status) => {
    const count = status === 'all' ? total : (counts?.[status] ?? null);
    const name = status === 'all' ? 'All' : STATUS_LABELS[status];
    return { value: status, label: count === null ? name : `${name} (${count})` };
  });
  return (
    <SegmentedControl
      aria-label="Alert status"
      data={data}
      value={value}
      onChange={(status) => onChange(status as StatusTab)}
      orientation={compact ? 'vertical' : 'horizontal'}
      fullWidth={compact}
      style={{ alignSelf: compact ? 'stretch' : 'flex-start' }}
    />
  );
}
