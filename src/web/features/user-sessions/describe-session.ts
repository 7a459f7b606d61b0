import type { UserSession } from '../../../contract/user-sessions';

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ');

/** "Firefox 128.0 on Mac OS", "2.4.1 of app-x on Windows 11 · Studio workstation"; "Unknown device" when nothing is known. */
export function describeDevice(session: UserSession): string {
  const { device } = session;
  const os = join(device.os, device.osVersion);
  if (session.kind === 'app') {
    const app = join(device.app, device.appVersion);
    const where = [os, device.name].filter(Boolean).join(' · ');
    return [app, where].filter(Boolean).join(' on ') || 'Unknown device';
  }
  const browser = join(device.browser, device.browserVersion);
  return [browser, os].filter(Boolean).join(' on ') || 'Unknown device';
}

/** "London, England, United Kingdom"; null when the address is not in the GeoIP database. */
export function describePlace(session: UserSession): string | null {
  const { city, region, country } = session.location;
  const parts = [city, region, country].filter((part, index, all) => part && all.indexOf(part) === index);
  return parts.length > 0 ? parts.join(', ') : null;
}

export function kindLabel(session: UserSession): string {
  return session.kind === 'app' ? 'App' : 'Console';
}
