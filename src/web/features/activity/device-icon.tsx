import { Tooltip } from '@mantine/core';
import {
  IconDeviceDesktop,
  IconDeviceMobile,
  IconDeviceTablet,
  IconDeviceUnknown,
  type IconProps,
  IconRobot,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { DeviceType } from '../../../contract/activity';
import { deviceTypeLabels } from './device-label';

const icons: Record<DeviceType, ComponentType<IconProps>> = {
  desktop: IconDeviceDesktop,
  mobile: IconDeviceMobile,
  tablet: IconDeviceTablet,
  bot: IconRobot,
  other: IconDeviceUnknown,
};

export function DeviceIcon({ type }: { type: DeviceType | null }) {
  const kind = type ?? 'other';
  const Icon = icons[kind] ?? IconDeviceUnknown;
  const label = deviceTypeLabels[kind] ?? 'Other device';
  return (
    <Tooltip label={label} withArrow>
      <Icon size={20} stroke={1.6} role="img" aria-label={label} style={{ flexShrink: 0 }} />
    </Tooltip>
  );
}
