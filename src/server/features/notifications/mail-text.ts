/** Helpers for the plain mails this server writes: escaped HTML, readable places, devices and times. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** "Linköping, Sweden", "Sweden", or "an unknown place" (no GeoIP answer). */
export function describePlace(place: { city: string | null; country: string | null }): string {
  if (place.city && place.country) return `${place.city}, ${place.country}`;
  return place.country ?? place.city ?? 'an unknown place';
}

/** "Chrome on Windows", "Dana's laptop (Seat Reader)", or the device type. */
export function describeDevice(row: {
  browser: string | null;
  os: string | null;
  device_type: string;
  device_name: string | null;
  app_key: string | null;
}): string {
  if (row.device_name) return row.app_key ? `${row.device_name} (${row.app_key})` : row.device_name;
  if (row.browser && row.os) return `${row.browser} on ${row.os}`;
  return row.browser ?? row.os ?? row.device_type;
}

/** An instant as mails show it: UTC, minutes, unambiguous for every reader ("2026-12-01 21:30 UTC"). */
export function describeInstant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A simple HTML mail: paragraphs of escaped text, links made clickable. */
export function toHtmlMail(paragraphs: { text: string; link?: { href: string; label: string } }[]): string {
  const body = paragraphs
    .map(({ text, link }) =>
      link
        ? `<p>${escapeHtml(text)} <a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`
        : `<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`,
    )
    .join('\n');
  return `<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">\n${body}\n</body></html>`;
}
