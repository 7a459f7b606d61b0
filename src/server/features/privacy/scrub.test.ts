import { describe, expect, it } from 'vitest';
import { ERASED_LABEL, erasedDeviceId, erasedEmailOf, scrubText } from './scrub.ts';

const subject = { userId: 'u-1', email: 'dana.o_neil@example.com', name: 'Dana O"Neil' };

describe('scrubText', () => {
  it('replaces the email in any case, the name as a whole word and cuts every address', () => {
    const text = 'DANA.O_NEIL@Example.com (Dana O"Neil) failed from 203.0.113.77 and 2001:db8:1234:5678::1.';
    expect(scrubText(text, subject)).toBe(
      `${erasedEmailOf('u-1')} (${ERASED_LABEL}) failed from 203.0.113.0 and 2001:db8:1234::.`,
    );
  });

  it('keeps JSON valid, finding the name as JSON escapes it', () => {
    const json = JSON.stringify({ who: subject.name, email: subject.email, ip: '198.51.100.23', places: ['London'] });
    const scrubbed = JSON.parse(scrubText(json, subject));
    expect(scrubbed).toEqual({
      who: ERASED_LABEL,
      email: erasedEmailOf('u-1'),
      ip: '198.51.100.0',
      places: ['London'],
    });
  });

  it('leaves other words that contain the name alone, and is idempotent', () => {
    const ann = { userId: 'u-2', email: 'ann@example.com', name: 'Ann' };
    expect(scrubText('Ann met Annabel and joanna', ann)).toBe(`${ERASED_LABEL} met Annabel and joanna`);
    const once = scrubText('ann@example.com at 192.0.2.9', ann);
    expect(scrubText(once, ann)).toBe(once);
  });
});

describe('erasedDeviceId', () => {
  it('tells devices apart, per user, without the id, and is idempotent', () => {
    const a = erasedDeviceId('u-1', 'machine-7f3a');
    expect(a).toMatch(/^erased-[0-9a-f]{16}$/);
    expect(erasedDeviceId('u-1', 'machine-7f3b')).not.toBe(a);
    expect(erasedDeviceId('u-2', 'machine-7f3a')).not.toBe(a);
    expect(erasedDeviceId('u-1', a)).toBe(a);
  });
});
