import { createHash } from 'node:crypto';
import { anonymiseAddressesIn, anonymiseIp } from '../../lib/anonymise-ip.ts';

/** What an erased user is called wherever their name or email was written. */
export const ERASED_LABEL = 'Erased user';

/** The erased user's address: unique (the column is), and in a domain that can never receive mail (RFC 2606). */
export const erasedEmailOf = (userId: string) => `erased-${userId}@erased.invalid`;

/** What identifies the person in free text: their email (any case) and their name. */
export interface ErasureSubject {
  userId: string;
  email: string;
  name: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A text (a sentence, or JSON: alert evidence, audit before/after, webhook payloads, e-mails) with
 * the subject's email and name replaced and every address cut to its /24 or /48. JSON stays valid:
 * the replacements need no escaping, and an address needs none either. A name is replaced only as
 * a whole word (Ann does not hit Annabel). Idempotent.
 */
export function scrubText(text: string, subject: ErasureSubject): string {
  let scrubbed = text.replace(new RegExp(escapeRegExp(subject.email), 'giu'), erasedEmailOf(subject.userId));
  const name = subject.name.trim();
  if (name.length > 0) {
    // JSON writes a quote or backslash escaped: look for the name as it is stored in JSON too.
    for (const form of new Set([name, JSON.stringify(name).slice(1, -1)])) {
      scrubbed = scrubbed.replace(
        new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'giu'),
        ERASED_LABEL,
      );
    }
  }
  return anonymiseAddressesIn(scrubbed);
}

/** scrubText over a nullable column. */
export const scrubNullable = (text: string | null, subject: ErasureSubject) =>
  text === null ? null : scrubText(text, subject);

/**
 * An app's device id, replaced by a stand-in that tells the user's devices apart but cannot be
 * traced back (SHA-256 over the user's id and the device id): the reports' distinct-device
 * counts, which key on it, stay the same, and a rebuild from the raw attempts agrees with them.
 */
export function erasedDeviceId(userId: string, deviceId: string): string {
  if (deviceId.startsWith('erased-')) return deviceId;
  return `erased-${createHash('sha256').update(`${userId}\u0000${deviceId}`).digest('hex').slice(0, 16)}`;
}

export { anonymiseIp };
