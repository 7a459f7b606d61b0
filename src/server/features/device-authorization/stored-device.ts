import type { DeviceType } from '../device/index.ts';

export interface StoredDevice {
  id: string;
  name: string;
  os: string;
  osVersion: string;
  type: Exclude<DeviceType, 'bot'>;
}

/** The device column: written by startDeviceAuthorization from a checked body, so only read back here. */
export function parseStoredDevice(json: string): StoredDevice {
  return JSON.parse(json) as StoredDevice;
}
