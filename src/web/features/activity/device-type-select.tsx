import { Select } from '@mantine/core';
import type { DeviceType } from '../../../contract/activity';
import { deviceTypeLabels } from './device-label';

const deviceOptions = (Object.keys(deviceTypeLabels) as DeviceType[]).map((type) => ({
  value: type,
  label: deviceTypeLabels[type],
}));

interface DeviceTypeSelectProps {
  value: DeviceType | null;
  onChange: (deviceType: DeviceType | null) => void;
  w: number | string;
}

/** The filter on the kind of device signed in from; cleared, it means any. */
export function DeviceTypeSelect({ value, onChange, w }: DeviceTypeSelectProps) {
  return (
    <Select<DeviceType>
      label="Device type"
      placeholder="Any device"
      data={deviceOptions}
      value={value}
      onChange={onChange}
      clearable
      w={w}
    />
  );
}
