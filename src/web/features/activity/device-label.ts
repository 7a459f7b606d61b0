import type { ActivityDevice, ActivityItem, DeviceType } from '../../../contract/activity';

export const deviceTypeLabels: Record<DeviceType, string> = {
  desktop: 'Desktop',
  mobile: 'Mobile',
  tablet: 'Tablet',
  bot: 'Bot',
  other: 'Other device',
};

function join(name: string | null, version: string | null): string | null {
  if (!name) return null;
  return version ? `${name} ${version}` : name;
}

/** "120.0.6099.109" → "120"; full versions are too noisy for a table cell. */
function majorVersion(version: string | null): string | null {
  return version ? (version.split('.')[0] ?? version) : null;
}

/**
 * The device in words: "Windows 10 · Chrome 120" for the console; for apps (their sign-ins and sessions) the app
 * and version — by name when `appNames` knows the key — with the machine's name and OS as detail.
 * `detail` is a second line, null when there is nothing more to say.
 */
export function describeDevice(
  item: Pick<ActivityItem, 'client' | 'device' | 'userAgent'> & Partial<Pick<ActivityItem, 'type'>>,
  appNames?: ReadonlyMap<string, string>,
): {
  primary: string;
  detail: string | null;
} {
  const device: ActivityDevice = item.device;
  const os = join(device.os, device.osVersion);
  const app = join(device.app ? (appNames?.get(device.app) ?? device.app) : null, device.appVersion);
  if (item.type === 'app_session' || item.client === 'app' || (app && !device.browser)) {
    const machine = [device.name, os].filter((part): part is string => Boolean(part)).join(' · ') || null;
    if (app) return { primary: app, detail: machine };
    if (machine) return { primary: machine, detail: null };
  }
  const browser = join(device.browser, majorVersion(device.browserVersion));
  const parts = [os, browser].filter((part): part is string => Boolean(part));
  if (parts.length) return { primary: parts.join(' · '), detail: null };
  return { primary: 'Unknown device', detail: item.userAgent };
}
