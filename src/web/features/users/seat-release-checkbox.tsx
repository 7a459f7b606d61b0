import { Checkbox, Text } from '@mantine/core';

export function seatCountLabel(count: number): string {
  return `${count} ${count === 1 ? 'seat' : 'seats'}`;
}

interface SeatReleaseCheckboxProps {
  loading: boolean;
  failed: boolean;
  productNames: string[];
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** Offers to free the seats the user holds (checked by default); says nothing when they hold none. */
export function SeatReleaseCheckbox({ loading, failed, productNames, checked, onChange }: SeatReleaseCheckboxProps) {
  if (loading) {
    return (
      <Text size="sm" c="dimmed">
        Checking which seats they hold…
      </Text>
    );
  }
  if (failed) {
    return (
      <Text size="sm" c="dimmed">
        Could not check which seats they hold; any seats stay assigned. You can free them later on the Licenses tab.
      </Text>
    );
  }
  if (productNames.length === 0) return null;
  return (
    <Checkbox
      label={`Also free their ${seatCountLabel(productNames.length)} (${productNames.join(', ')})`}
      description="Freed seats can be given to someone else at once. Left unchecked, the seats stay assigned to this user."
      checked={checked}
      onChange={(event) => onChange(event.currentTarget.checked)}
    />
  );
}
