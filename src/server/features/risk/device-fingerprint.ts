/** The columns a device is told apart by. */
export interface DeviceColumns {
  device_id: string | null;
  device_type: string;
  os: string | null;
  browser: string | null;
}

/**
 * One device, as far as the server can tell: an app's own device id (stable per installation),
 * else the browser's device type, OS and browser family, without versions, so a browser or OS
 * update is not a new device. Two laptops with the same browser and OS look the same: the flag
 * errs towards silence.
 */
export function deviceFingerprint(row: DeviceColumns): string {
  if (row.device_id) return `app:${row.device_id}`;
  return `browser:${row.device_type}|${row.os ?? ''}|${row.browser ?? ''}`;
}

/** "Chrome on Windows (desktop)", or the app device's OS; for explanations. */
export function describeDevice(row: DeviceColumns): string {
  if (row.device_id) return `a new app device (${row.os ?? 'unknown system'}, ${row.device_type})`;
  return `${row.browser ?? 'an unknown browser'} on ${row.os ?? 'an unknown system'} (${row.device_type})`;
}
